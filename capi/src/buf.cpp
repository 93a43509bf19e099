// doorway C ABI — library-owned byte buffers.
#include <cstring>

#include "capi_internal.hpp"

extern "C" {

DOORWAY_API void doorway_buf_dispose(doorway_buf* buf) {
  if (buf == nullptr) return;
  delete[] buf->ptr;
  buf->ptr = nullptr;
  buf->size = 0;
}

}  // extern "C"

namespace doorway::capi {

// Not exported: fills an empty doorway_buf with a copy of `bytes` (NUL-terminated).
void fill_buf(doorway_buf& out, std::string_view bytes) {
  char* p = new char[bytes.size() + 1];
  if (!bytes.empty()) std::memcpy(p, bytes.data(), bytes.size());
  p[bytes.size()] = '\0';
  out.ptr = p;
  out.size = bytes.size();
}

}  // namespace doorway::capi
