// doorway C ABI — runtime version queries (bindings assert them at load time).
#include "capi_internal.hpp"

extern "C" {

DOORWAY_API const char* doorway_version(void) { return DOORWAY_VERSION_STRING; }
DOORWAY_API unsigned int doorway_version_number(void) { return DOORWAY_VERSION_NUMBER; }
DOORWAY_API unsigned int doorway_abi_version(void) { return DOORWAY_ABI_VERSION; }

}  // extern "C"
