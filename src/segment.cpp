// doorway — Segment event names to catalog touch types (see include/doorway/segment.hpp).
#include "doorway/segment.hpp"

#include <string>
#include <string_view>

namespace doorway {
inline namespace v0 {

std::string normalize_event_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool gap = false;
  for (const char c : name) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    const bool upper = c >= 'A' && c <= 'Z';
    if (!letter && !upper && static_cast<unsigned char>(c) < 0x80) {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out += '_';
    gap = false;
    out += upper ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

SegmentEventMap::SegmentEventMap(const Catalog& catalog) {
  for (const TouchTypeInfo& t : catalog.types()) by_name_.emplace(normalize_event_name(t.id), t.id);
  // Listed names win over the automatic match.
  for (const TouchTypeInfo& t : catalog.types()) {
    for (const std::string& e : t.events) by_name_[normalize_event_name(e)] = t.id;
  }
}

std::string_view SegmentEventMap::type_for(std::string_view event) const {
  std::string n = normalize_event_name(event);
  if (auto it = by_name_.find(n); it != by_name_.end()) return it->second;
  // The past tense of the last word: "requested" -> "request", "placed" -> "place".
  for (std::string_view suffix : {std::string_view("ed"), std::string_view("d")}) {
    if (n.size() > suffix.size() && n.ends_with(suffix)) {
      const std::string stem = n.substr(0, n.size() - suffix.size());
      if (auto it = by_name_.find(stem); it != by_name_.end()) return it->second;
    }
  }
  return {};
}

}  // namespace v0
}  // namespace doorway
