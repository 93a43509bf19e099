// doorway — the embedded default model (compiled in src/default_model.cpp, part of
// doorway::doorway): the seeds-derived catalog, the `engagement` and `temperature`
// scores, and the subscriber → lead → mql → sal → sql → opportunity → customer →
// advocate journey with nurture, disqualified and lost. See README "Default model".
#pragma once

#include <memory>

#include "doorway/model.hpp"

namespace doorway {
inline namespace v0 {

// The default model, built once and shared (thread-safe).
std::shared_ptr<const Model> default_model();

// The engagement score's MQL threshold in the default model.
inline constexpr double kDefaultMqlThreshold = 40;

}  // namespace v0
}  // namespace doorway
