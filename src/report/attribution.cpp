// doorway — attribution: model names, the dispatch to each model, and the JSON
// form of a result.
#include <array>
#include <string>
#include <vector>

#include "attribution_internal.hpp"
#include "doorway/detail/json_text.hpp"
#include "doorway/detail/strings.hpp"
#include "doorway/detail/suggest.hpp"

namespace doorway {
inline namespace v0 {

namespace {

constexpr std::array<std::string_view, 11> kNames = {
    "first_touch", "last_touch", "linear",    "linear_distinct", "time_decay", "position_decay",
    "u_shaped",    "w_shaped",   "full_path", "markov",          "shapley"};

}  // namespace

std::string_view to_string(AttributionModel m) noexcept {
  const auto i = static_cast<std::size_t>(m);
  return i < kNames.size() ? kNames[i] : std::string_view("unknown");
}

std::span<const std::string_view> attribution_model_names() noexcept { return kNames; }

absl::StatusOr<AttributionModel> parse_attribution_model(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<AttributionModel>(i);
  }
  struct Alias {
    std::string_view name;
    AttributionModel model;
  };
  static constexpr Alias kAliases[] = {{"first", AttributionModel::first_touch},
                                       {"last", AttributionModel::last_touch},
                                       {"u", AttributionModel::u_shaped},
                                       {"w", AttributionModel::w_shaped},
                                       {"z", AttributionModel::full_path}};
  for (const Alias& al : kAliases) {
    if (al.name == name) return al.model;
  }
  std::string msg = detail::cat("unknown attribution model \"", name, "\"");
  std::vector<std::string_view> all(kNames.begin(), kNames.end());
  for (const Alias& al : kAliases) all.push_back(al.name);
  if (auto hint = detail::did_you_mean(name, std::span<const std::string_view>(all))) {
    detail::cat_to(msg, " (did you mean \"", *hint, "\"?)");
  }
  msg += "; models: ";
  for (std::size_t i = 0; i < kNames.size(); ++i) detail::cat_to(msg, i ? ", " : "", kNames[i]);
  return absl::InvalidArgumentError(msg);
}

absl::StatusOr<Attribution> attribute(const Journeys& journeys, const AttributionOptions& options) {
  switch (options.model) {
    case AttributionModel::markov: return detail::markov_attribution(journeys, options);
    case AttributionModel::shapley: return detail::shapley_attribution(journeys, options);
    case AttributionModel::first_touch:
    case AttributionModel::last_touch:
    case AttributionModel::linear:
    case AttributionModel::linear_distinct:
    case AttributionModel::time_decay:
    case AttributionModel::position_decay:
    case AttributionModel::u_shaped:
    case AttributionModel::w_shaped:
    case AttributionModel::full_path: return detail::heuristic_attribution(journeys, options);
  }
  return absl::InvalidArgumentError(
      detail::cat("model: ", static_cast<int>(options.model), " is not an attribution model"));
}

std::string to_json(const Attribution& a) {
  using detail::append_json_number;
  using detail::append_json_string;
  std::string out = "{\"model\":";
  append_json_string(out, to_string(a.model));
  detail::cat_to(out, ",\"journeys\":", a.journeys, ",\"touches\":", a.touches, ",\"total_conversions\":");
  append_json_number(out, a.total_conversions);
  out += ",\"total_value\":";
  append_json_number(out, a.total_value);
  out += ",\"total_nulls\":";
  append_json_number(out, a.total_nulls);
  const bool markov = a.model == AttributionModel::markov;
  const bool shapley = a.model == AttributionModel::shapley;
  if (markov) {
    detail::cat_to(out, ",\"order\":", a.order, ",\"states\":", a.states, ",\"largest_block\":", a.largest_block,
                   ",\"sweeps\":", a.sweeps, ",\"conversion_probability\":");
    append_json_number(out, a.conversion_probability);
  }
  if (shapley) {
    detail::cat_to(out, ",\"sampled\":", a.sampled ? "true" : "false", ",\"samples\":", a.samples,
                   ",\"players\":", a.players);
  }
  out += ",\"channels\":[";
  for (std::size_t i = 0; i < a.channels.size(); ++i) {
    const ChannelCredit& c = a.channels[i];
    out += i ? ",{\"channel\":" : "{\"channel\":";
    append_json_string(out, c.channel);
    out += ",\"conversions\":";
    append_json_number(out, c.conversions);
    out += ",\"value\":";
    append_json_number(out, c.value);
    if (markov) {
      out += ",\"removal_effect\":";
      append_json_number(out, c.removal_effect);
      out += ",\"value_removal_effect\":";
      append_json_number(out, c.value_removal_effect);
    }
    if (shapley && a.sampled) {
      out += ",\"conversions_std_error\":";
      append_json_number(out, c.conversions_std_error);
      out += ",\"value_std_error\":";
      append_json_number(out, c.value_std_error);
    }
    out += '}';
  }
  out += "]}";
  return out;
}

}  // namespace v0
}  // namespace doorway
