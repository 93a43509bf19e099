// doorway — channels from campaign data (see include/doorway/channel_rules.hpp).
#include "doorway/channel_rules.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "config_json.hpp"

namespace doorway {
inline namespace v0 {

namespace detail {
// Defined in the file generated from src/ga4_channels.json.
extern const std::string_view kGa4ChannelsJson;
}  // namespace detail

namespace {

constexpr std::string_view kFormat = "doorway.channel_rules";
constexpr std::string_view kNotSet = "(not set)";

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// `s` lower-cased into `buf` (ASCII only; other bytes kept).
std::string_view lowered(std::string_view s, std::string& buf) {
  buf.assign(s);
  for (char& c : buf) c = lower(c);
  return buf;
}

bool is_letter(char c) noexcept { return c >= 'a' && c <= 'z'; }

bool site_matches(std::string_view source, std::string_view site) {
  if (site.find('.') != std::string_view::npos) {
    if (source == site) return true;
    return source.size() > site.size() && source.ends_with(site) && source[source.size() - site.size() - 1] == '.';
  }
  std::size_t start = 0;
  while (start <= source.size()) {
    std::size_t dot = source.find('.', start);
    if (dot == std::string_view::npos) dot = source.size();
    if (source.substr(start, dot - start) == site) return true;
    start = dot + 1;
  }
  return false;
}

bool test_holds(const ChannelTest& t, std::string_view v) {
  for (const std::string& x : t.values) {
    switch (t.match) {
      case ChannelMatch::is:
        if (v == x) return true;
        break;
      case ChannelMatch::contains:
        if (v.find(x) != std::string_view::npos) return true;
        break;
      case ChannelMatch::starts_with:
        if (v.starts_with(x)) return true;
        break;
      case ChannelMatch::ends_with:
        if (v.ends_with(x)) return true;
        break;
      case ChannelMatch::word_starts_with:
        for (std::size_t at = v.find(x); at != std::string_view::npos; at = v.find(x, at + 1)) {
          if (at == 0 || !is_letter(v[at - 1])) return true;
        }
        break;
      case ChannelMatch::site:
        if (site_matches(v, x)) return true;
        break;
    }
  }
  return false;
}

constexpr std::string_view kRootKeys[] = {"format", "version", "description", "sites", "rules"};
constexpr std::string_view kRuleKeys[] = {"channel", "group", "all", "description"};
constexpr std::string_view kFields[] = {"source", "medium", "campaign"};
constexpr std::string_view kMatches[] = {"is", "contains", "starts_with", "ends_with", "word_starts_with", "site"};

class RulesReader {
 public:
  RulesReader(std::string_view text, std::string_view source) : json_(text, source) {}

  absl::StatusOr<ChannelRules> run() {
    std::optional<detail::ConfigJson::Value> root = json_.parse();
    if (!root) return json_.status();
    if (root->kind != Kind::object) {
      json_.problem("", root->offset, "a channel rules file is a JSON object");
      return json_.status();
    }
    json_.check_keys(*root, "", kRootKeys);
    if (const Value* f = json_.get(*root, "", "format", Kind::string, true); f && f->text != kFormat) {
      json_.problem("format", f->offset, detail::cat("\"format\" must be \"", kFormat, "\""));
    }
    if (const Value* v = json_.get(*root, "", "version", Kind::number, true); v && v->number != 1) {
      json_.problem("version", v->offset, detail::cat("unsupported version ", v->text, ": this doorway reads version 1"));
    }
    if (const Value* sites = json_.get(*root, "", "sites", Kind::object, false)) {
      for (const detail::mjson::Member& m : sites->members) {
        const std::string path = detail::cat("sites.", m.key);
        if (m.value.kind != Kind::array) {
          json_.problem(path, m.value.offset, "expected an array of site names");
          continue;
        }
        std::vector<std::string> list = json_.strings(m.value, path);
        for (std::string& s : list) lowered(std::string(s), s);
        sites_.emplace_back(m.key, std::move(list));
      }
    }
    std::vector<ChannelRule> rules;
    if (const Value* list = json_.get(*root, "", "rules", Kind::array, true)) {
      for (std::size_t i = 0; i < list->items.size(); ++i) {
        const Value& item = list->items[i];
        const std::string path = detail::cat("rules[", i, "]");
        if (item.kind != Kind::object) {
          json_.problem(path, item.offset, "a rule is an object");
          continue;
        }
        json_.check_keys(item, path, kRuleKeys);
        ChannelRule rule;
        if (const Value* c = json_.get(item, path, "channel", Kind::string, true)) rule.channel = c->text;
        if (const Value* g = json_.get(item, path, "group", Kind::string, false)) rule.group = g->text;
        if (const Value* all = json_.get(item, path, "all", Kind::array, true)) {
          for (std::size_t k = 0; k < all->items.size(); ++k) {
            rule.all.push_back(condition(all->items[k], detail::cat(path, ".all[", k, "]")));
          }
        }
        rules.push_back(std::move(rule));
      }
    }
    if (!json_.ok()) return json_.status();
    return ChannelRules(std::move(rules));
  }

 private:
  using Value = detail::ConfigJson::Value;
  using Kind = detail::ConfigJson::Kind;

  ChannelCondition condition(const Value& v, const std::string& path) {
    ChannelCondition c;
    if (v.kind != Kind::object) {
      json_.problem(path, v.offset, "a condition is an object: a test, or {\"any\": [tests]}");
      return c;
    }
    if (const detail::mjson::Member* any = v.find("any")) {
      constexpr std::string_view kAnyKeys[] = {"any"};
      json_.check_keys(v, path, kAnyKeys);
      if (any->value.kind != Kind::array) {
        json_.problem(path + ".any", any->value.offset, "expected an array of tests");
        return c;
      }
      for (std::size_t i = 0; i < any->value.items.size(); ++i) {
        if (auto t = test(any->value.items[i], detail::cat(path, ".any[", i, "]"))) c.any.push_back(std::move(*t));
      }
      return c;
    }
    if (auto t = test(v, path)) c.any.push_back(std::move(*t));
    return c;
  }

  std::optional<ChannelTest> test(const Value& v, const std::string& path) {
    if (v.kind != Kind::object) {
      json_.problem(path, v.offset, "a test is an object such as {\"field\": \"medium\", \"is\": [\"cpc\"]}");
      return std::nullopt;
    }
    std::vector<std::string_view> keys(std::begin(kMatches), std::end(kMatches));
    keys.push_back("field");
    json_.check_keys(v, path, keys);
    ChannelTest t;
    bool ok = true;
    if (const Value* f = json_.get(v, path, "field", Kind::string, true)) {
      const auto it = std::find(std::begin(kFields), std::end(kFields), f->text);
      if (it == std::end(kFields)) {
        std::string msg = detail::cat("unknown field \"", f->text, "\" (source, medium or campaign)");
        if (auto hint = detail::did_you_mean(f->text, kFields)) msg = detail::cat("unknown field \"", f->text, "\" (did you mean \"", *hint, "\"?)");
        json_.problem(path + ".field", f->offset, msg);
        ok = false;
      } else {
        t.field = static_cast<CampaignField>(it - std::begin(kFields));
      }
    } else {
      ok = false;
    }
    int ops = 0;
    for (std::size_t m = 0; m < std::size(kMatches); ++m) {
      const detail::mjson::Member* member = v.find(kMatches[m]);
      if (!member) continue;
      ++ops;
      t.match = static_cast<ChannelMatch>(m);
      const std::string mpath = detail::cat(path, ".", kMatches[m]);
      if (t.match == ChannelMatch::site) {
        if (member->value.kind != Kind::string) {
          json_.problem(mpath, member->value.offset, "expected the name of a list under \"sites\"");
          ok = false;
          continue;
        }
        const std::string& name = member->value.text;
        const auto list = std::find_if(sites_.begin(), sites_.end(), [&](const auto& s) { return s.first == name; });
        if (list == sites_.end()) {
          std::vector<std::string> names;
          for (const auto& s : sites_) names.push_back(s.first);
          std::string msg = detail::cat("unknown site list \"", name, "\"");
          if (auto hint = detail::did_you_mean(name, names)) detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
          json_.problem(mpath, member->value.offset, msg);
          ok = false;
          continue;
        }
        t.values = list->second;
      } else {
        if (member->value.kind != Kind::array) {
          json_.problem(mpath, member->value.offset, "expected an array of strings");
          ok = false;
          continue;
        }
        t.values = json_.strings(member->value, mpath);
        for (std::string& s : t.values) lowered(std::string(s), s);
      }
    }
    if (ops != 1) {
      json_.problem(path, v.offset,
                    ops == 0 ? "a test needs one of is, contains, starts_with, ends_with, word_starts_with, site"
                             : "a test has exactly one of is, contains, starts_with, ends_with, word_starts_with, site");
      ok = false;
    }
    if (!ok) return std::nullopt;
    return t;
  }

  detail::ConfigJson json_;
  std::vector<std::pair<std::string, std::vector<std::string>>> sites_;
};

}  // namespace

const ChannelRule* ChannelRules::match(const CampaignView& c) const {
  if (c.source.empty() && c.medium.empty() && c.name.empty()) return nullptr;
  std::string bufs[3];
  const std::string_view fields[3] = {
      c.source.empty() ? kNotSet : lowered(c.source, bufs[0]),
      c.medium.empty() ? kNotSet : lowered(c.medium, bufs[1]),
      c.name.empty() ? kNotSet : lowered(c.name, bufs[2]),
  };
  for (const ChannelRule& r : rules_) {
    bool holds = true;
    for (const ChannelCondition& cond : r.all) {
      bool any = false;
      for (const ChannelTest& t : cond.any) {
        if (test_holds(t, fields[static_cast<int>(t.field)])) {
          any = true;
          break;
        }
      }
      if (!any) {
        holds = false;
        break;
      }
    }
    if (holds) return &r;
  }
  return nullptr;
}

absl::StatusOr<ChannelRules> load_channel_rules_json(std::string_view text, std::string_view source) {
  return RulesReader(text, source).run();
}

std::string_view default_channel_rules_json() noexcept { return detail::kGa4ChannelsJson; }

std::shared_ptr<const ChannelRules> default_channel_rules() {
  static const std::shared_ptr<const ChannelRules> rules = [] {
    absl::StatusOr<ChannelRules> r = load_channel_rules_json(default_channel_rules_json(), "ga4_channels.json");
    // Fixed data: a problem here is a bug caught by the tests.
    if (!r.ok()) throw std::logic_error("doorway: the embedded channel rules are invalid:\n" + std::string(r.status().message()));
    return std::make_shared<const ChannelRules>(std::move(*r));
  }();
  return rules;
}

}  // namespace v0
}  // namespace doorway
