// doorway C ABI — models: the default model, validation with its problem list,
// model files (JSON in and out, DOT out) and read access to stages and score names.
#include "capi_internal.hpp"
#include "doorway/default_model.hpp"
#include "doorway/model_json.hpp"

using namespace doorway;
using namespace doorway::capi;

extern "C" {

DOORWAY_API int doorway_model_default(doorway_model** out) {
  static constexpr const char* fn = "doorway_model_default";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = nullptr;
    auto handle = std::make_unique<doorway_model>();
    handle->model = default_model();
    *out = handle.release();
    return DOORWAY_OK;
  });
}

DOORWAY_API void doorway_model_free(doorway_model* model) {
  if (model == nullptr || model->magic != kModelMagic) return;
  model->magic = kDeadMagic;
  delete model;
}

DOORWAY_API int doorway_model_validate(doorway_problems** out, const doorway_model* model) {
  static constexpr const char* fn = "doorway_model_validate";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = nullptr;
    if (const int rc = check_model(model, fn)) return rc;
    auto handle = std::make_unique<doorway_problems>();
    ModelBuilder again(*model->model);
    again.build(&handle->list);
    *out = handle.release();
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_problems_count(size_t* out, const doorway_problems* problems) {
  static constexpr const char* fn = "doorway_problems_count";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = 0;
    if (const int rc = check_handle(problems, kProblemsMagic, fn, "problems", "doorway_problems")) return rc;
    *out = problems->list.size();
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_problems_get(doorway_problem* out, const doorway_problems* problems, size_t index) {
  static constexpr const char* fn = "doorway_problems_get";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = doorway_problem{};
    if (const int rc = check_handle(problems, kProblemsMagic, fn, "problems", "doorway_problems")) return rc;
    if (index >= problems->list.size()) {
      return fail(DOORWAY_ENOTFOUND, fn, "index ", index, " is past the end (", problems->list.size(),
                  " problems)");
    }
    const Problem& p = problems->list[index];
    *out = doorway_problem{to_str(p.code), to_str(p.path), to_str(p.message)};
    return DOORWAY_OK;
  });
}

DOORWAY_API void doorway_problems_free(doorway_problems* problems) {
  if (problems == nullptr || problems->magic != kProblemsMagic) return;
  problems->magic = kDeadMagic;
  delete problems;
}

DOORWAY_API int doorway_model_from_json(doorway_model** out, doorway_problems** problems_out, const char* json,
                                        size_t len, const char* source_name, size_t source_len) {
  static constexpr const char* fn = "doorway_model_from_json";
  return guarded(fn, [&]() -> int {
    if (problems_out != nullptr) *problems_out = nullptr;
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = nullptr;
    std::string_view text;
    if (const int rc = to_view(text, json, len, fn, "json")) return rc;
    std::string_view source;
    if (const int rc = to_view(source, source_name, source_len, fn, "source_name")) return rc;
    if (source.empty()) source = "model.json";
    ModelLoadResult loaded = load_model_json(text, source);
    if (!loaded.ok()) {
      auto handle = std::make_unique<doorway_problems>();
      handle->list.reserve(loaded.problems.size());
      for (const ModelProblem& p : loaded.problems) {
        std::string message = p.source;
        if (p.line > 0) detail::cat_to(message, ":", p.line, ":", p.column);
        detail::cat_to(message, ": ", p.message);
        handle->list.push_back(Problem{p.code, p.path, std::move(message)});
      }
      const std::size_t n = loaded.problems.size();
      const int rc = fail(DOORWAY_EDATA, fn, source, " is not a valid model (", n, n == 1 ? " problem" : " problems",
                          "):\n", to_string(loaded.problems));
      if (problems_out != nullptr) *problems_out = handle.release();
      return rc;
    }
    auto handle = std::make_unique<doorway_model>();
    handle->model = std::move(loaded.model);
    *out = handle.release();
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_model_to_json(doorway_buf* out, const doorway_model* model) {
  static constexpr const char* fn = "doorway_model_to_json";
  return guarded(fn, [&]() -> int {
    if (const int rc = check_out_buf(out, fn)) return rc;
    if (const int rc = check_model(model, fn)) return rc;
    absl::StatusOr<std::string> text = model_to_json(*model->model);
    if (!text.ok()) {
      if (absl::IsFailedPrecondition(text.status())) {
        return fail(DOORWAY_ESTATE, fn, std::string(text.status().message()));
      }
      return fail(DOORWAY_EINTERNAL, fn, std::string(text.status().message()));
    }
    fill_buf(*out, *text);
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_model_to_dot(doorway_buf* out, const doorway_model* model) {
  static constexpr const char* fn = "doorway_model_to_dot";
  return guarded(fn, [&]() -> int {
    if (const int rc = check_out_buf(out, fn)) return rc;
    if (const int rc = check_model(model, fn)) return rc;
    fill_buf(*out, model_to_dot(*model->model));
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_model_stage_count(size_t* out, const doorway_model* model) {
  static constexpr const char* fn = "doorway_model_stage_count";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = 0;
    if (const int rc = check_model(model, fn)) return rc;
    *out = model->model->journey().stage_count();
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_model_stage(doorway_stage_info* out, const doorway_model* model, size_t id) {
  static constexpr const char* fn = "doorway_model_stage";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = doorway_stage_info{};
    if (const int rc = check_model(model, fn)) return rc;
    const Journey& j = model->model->journey();
    if (id >= j.stage_count()) {
      return fail(DOORWAY_ENOTFOUND, fn, "id ", id, " is past the end (", j.stage_count(), " stages)");
    }
    const Stage& s = j.stage(static_cast<StageId>(id));
    out->name = to_str(s.id);
    out->owner = static_cast<int>(s.owner);
    out->kind = static_cast<int>(s.kind);
    out->sla_us = s.sla;
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_model_score_count(size_t* out, const doorway_model* model) {
  static constexpr const char* fn = "doorway_model_score_count";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = 0;
    if (const int rc = check_model(model, fn)) return rc;
    *out = model->model->scores().size();
    return DOORWAY_OK;
  });
}

DOORWAY_API int doorway_model_score_name(doorway_str* out, const doorway_model* model, size_t index) {
  static constexpr const char* fn = "doorway_model_score_name";
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = doorway_str{nullptr, 0};
    if (const int rc = check_model(model, fn)) return rc;
    const auto& scores = model->model->scores();
    if (index >= scores.size()) {
      return fail(DOORWAY_ENOTFOUND, fn, "index ", index, " is past the end (", scores.size(), " scores)");
    }
    *out = to_str(scores[index].name);
    return DOORWAY_OK;
  });
}

}  // extern "C"
