// doorway — what the small JSON configuration files of the readers (CSV column
// maps, channel rules) share (private to src/): the positioned JSON tree of the
// model reader (model_json_internal.hpp), and problems located as
// FILE:LINE:COLUMN: PATH: message, with did-you-mean hints for unknown keys.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "doorway/detail/strings.hpp"
#include "doorway/detail/suggest.hpp"
#include "model_json_internal.hpp"

namespace doorway {
inline namespace v0 {
namespace detail {

class ConfigJson {
 public:
  using Value = mjson::Value;
  using Kind = mjson::Kind;

  ConfigJson(std::string_view text, std::string_view source) : text_(text), source_(source), map_(text) {}

  // The parsed document, or null after recording the syntax error.
  std::optional<Value> parse() {
    mjson::ParseError error;
    std::optional<Value> v = mjson::parse(text_, &error);
    if (!v) problem("", error.offset, error.message);
    return v;
  }

  void problem(const std::string& path, std::uint32_t offset, std::string_view message) {
    const mjson::SourceMap::Position p = map_.at(offset);
    std::string out = cat(source_, ":", p.line, ":", p.column, ": ");
    if (!path.empty()) cat_to(out, path, ": ");
    out += message;
    problems_.push_back(std::move(out));
  }

  // Reports keys of `obj` not in `keys`, suggesting the closest one.
  void check_keys(const Value& obj, const std::string& path, std::span<const std::string_view> keys) {
    for (const mjson::Member& m : obj.members) {
      bool known = false;
      for (std::string_view k : keys) known = known || k == m.key;
      if (known) continue;
      std::string msg = "unknown key";
      if (auto hint = did_you_mean(m.key, keys)) cat_to(msg, " (did you mean \"", *hint, "\"?)");
      problem(child(path, m.key), m.key_offset, msg);
    }
  }

  // Member `key` of `obj` when present with kind `kind`; a problem when it has
  // another kind, or is missing and `required`.
  const Value* get(const Value& obj, const std::string& path, std::string_view key, Kind kind, bool required) {
    const mjson::Member* m = obj.find(key);
    if (!m) {
      if (required) problem(path, obj.offset, cat("missing \"", key, "\""));
      return nullptr;
    }
    if (m->value.kind != kind) {
      problem(child(path, key), m->value.offset,
              cat("expected ", mjson::kind_name(kind), ", got ", mjson::kind_name(m->value.kind)));
      return nullptr;
    }
    return &m->value;
  }

  // The strings of an array value; a problem for each item that is not a string.
  std::vector<std::string> strings(const Value& array, const std::string& path) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < array.items.size(); ++i) {
      const Value& item = array.items[i];
      if (item.kind != Kind::string) {
        problem(cat(path, "[", i, "]"), item.offset, cat("expected a string, got ", mjson::kind_name(item.kind)));
        continue;
      }
      out.push_back(item.text);
    }
    return out;
  }

  static std::string child(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : cat(path, ".", key);
  }

  bool ok() const noexcept { return problems_.empty(); }
  const std::vector<std::string>& problems() const noexcept { return problems_; }
  // InvalidArgument with every problem, one per line; OK when there is none.
  absl::Status status() const {
    if (problems_.empty()) return absl::OkStatus();
    std::string all;
    for (const std::string& p : problems_) cat_to(all, all.empty() ? "" : "\n", p);
    return absl::InvalidArgumentError(all);
  }

 private:
  std::string_view text_;
  std::string source_;
  mjson::SourceMap map_;
  std::vector<std::string> problems_;
};

}  // namespace detail
}  // namespace v0
}  // namespace doorway
