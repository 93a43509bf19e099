// doorway C ABI — classification of a single touch without an engine.
#include "capi_internal.hpp"
#include "doorway/classify.hpp"

using namespace doorway;
using namespace doorway::capi;

extern "C" {

DOORWAY_API int doorway_classify(doorway_classification* out, const doorway_model* model,
                                 const doorway_touch* touch, size_t touch_size) {
  static constexpr const char* fn = "doorway_classify";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = doorway_classification{};
    if (const int rc = check_model(model, fn)) return rc;
    if (touch == nullptr) return fail(DOORWAY_EINVAL, fn, "touch is NULL");
    if (touch_size != sizeof(doorway_touch)) {
      return fail(DOORWAY_EVERSION, fn, "touch_size is ", touch_size, ", expected sizeof(doorway_touch) = ",
                  sizeof(doorway_touch), " (header and library versions differ?)");
    }
    std::string why;
    if (!check_touch_strings(*touch, true, why) || !check_touch_enums(*touch, why)) {
      return fail(DOORWAY_EINVAL, fn, "touch->", why);
    }
    Touch t;
    fill_touch(*touch, t);
    const Classification c = classify(model->model->catalog(), t);
    out->team = static_cast<int>(c.team);
    out->rule = to_str(rule_id(c.rule));
    out->audience = static_cast<int>(c.axes.audience);
    out->interaction = static_cast<int>(c.axes.interaction);
    out->initiator = static_cast<int>(c.axes.initiator);
    out->kind = static_cast<int>(c.kind);
    out->known_type = c.known_type ? 1 : 0;
    out->initiated_contact = c.initiated_contact() ? 1 : 0;
    return DOORWAY_OK;
  });
}

}  // extern "C"
