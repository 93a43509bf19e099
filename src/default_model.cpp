// doorway — the embedded default model. Its data is the model file
// src/default_model.json (embedded in the library at build time by
// cmake/embed_text.cmake), loaded once at first use; `doorway model --default`
// prints it. Every rule in it traces to a seed text (../shared/seeds, summarised
// in DESIGN.md) or a named convention; each element's "description" says which:
//   axes and teams of touch types ........ seeds/000–004 (marketing = one-to-many and
//                                          one-sided; sales = one-to-one, interactive)
//   door touches → handoff ................ seeds/003, 004 (sales starts when the
//                                          prospect initiates contact)
//   warm at 3, hot at 5 effective touches . seeds/001 ("three to five contact points")
//   order_placed → customer, no sales ..... seeds/004 (sales letter with order form)
//   SLA breach → nurture, not lost ........ seeds/002 (tasks fall between the cracks
//                                          when nobody owns them)
//   channels and their groups ............. GA4 default channel groups, plus offline
//                                          and one-to-one channels
//   stages subscriber … advocate .......... HubSpot lifecycle stages / Salesforce lead
//                                          status; post-sale owned by marketing (seeds/000)
//   maps.hubspot_lifecycle ................ HubSpot's default lifecycle stages by internal
//                                          name (knowledge.hubspot.com "Use lifecycle
//                                          stages"; internal names as the CRM API takes them)
//   maps.salesforce ....................... Salesforce's default Lead Status picklist
//                                          (Open - Not Contacted, Working - Contacted,
//                                          Closed - Converted, Closed - Not Converted) and
//                                          Opportunity Stage picklist (Prospecting,
//                                          Qualification, …, Proposal/Price Quote,
//                                          Closed Won, Closed Lost); a lead converts when
//                                          it is sales qualified (sql)
#include "doorway/default_model.hpp"

#include <stdexcept>
#include <string>
#include <string_view>

#include "doorway/model_json.hpp"

namespace doorway {
inline namespace v0 {
namespace detail {
// Defined in the file generated from src/default_model.json.
extern const std::string_view kDefaultModelJson;
}  // namespace detail

std::string_view default_model_json() noexcept { return detail::kDefaultModelJson; }

std::shared_ptr<const Model> default_model() {
  static const std::shared_ptr<const Model> model = [] {
    ModelLoadResult r = load_model_json(default_model_json(), "default_model.json");
    if (!r.model) {
      // The default model is fixed data: a problem here is a bug caught by the tests.
      throw std::logic_error("doorway: the embedded default model is invalid:\n" + to_string(r.problems));
    }
    return r.model;
  }();
  return model;
}

}  // namespace v0
}  // namespace doorway
