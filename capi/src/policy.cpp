// doorway C ABI — custom scoring policies through a C callback table: the runtime
// policy (AnyPolicy) and its column of per-lead states kept as `state_size` opaque
// bytes in one flat buffer, and doorway_model_with_policy.
#include <algorithm>
#include <cstring>
#include <typeinfo>

#include "capi_internal.hpp"
#include "doorway/classify.hpp"

using namespace doorway;
using namespace doorway::capi;

namespace {

// Owns a caller's payload until it is handed on: payload_free runs exactly once.
class Payload {
 public:
  Payload(void* payload, void (*free_fn)(void*)) noexcept : payload_(payload), free_(free_fn) {}
  ~Payload() {
    if (free_ != nullptr) free_(payload_);
  }
  Payload(const Payload&) = delete;
  Payload& operator=(const Payload&) = delete;
  Payload(Payload&& o) noexcept : payload_(o.payload_), free_(o.free_) { o.free_ = nullptr; }
  Payload& operator=(Payload&&) = delete;
  void* get() const noexcept { return payload_; }

 private:
  void* payload_;
  void (*free_)(void*);
};

class CallbackPolicy final : public AnyPolicy, public std::enable_shared_from_this<CallbackPolicy> {
 public:
  CallbackPolicy(std::string score, const doorway_policy_vtable& vt, Payload payload, const Catalog& catalog)
      : score_(std::move(score)), vt_(vt), payload_(std::move(payload)) {
    for (const TouchTypeInfo& t : catalog.types()) types_.push_back(t.id);
    for (const ChannelInfo& c : catalog.channels()) channels_.push_back(c.id);
  }

  std::unique_ptr<detail::ScoreColumn> make_column() const override;
  bool leveled() const noexcept override { return false; }
  std::string_view kind() const noexcept override { return "custom"; }
  const void* target(const std::type_info& type) const noexcept override {
    return type == typeid(CallbackPolicy) ? this : nullptr;
  }

  const std::string& score() const noexcept { return score_; }
  const doorway_policy_vtable& vt() const noexcept { return vt_; }
  void* payload() const noexcept { return payload_.get(); }
  std::string_view type_name(TypeId t) const noexcept {
    return t < types_.size() ? std::string_view(types_[t]) : std::string_view{};
  }
  std::string_view channel_name(ChannelId c) const noexcept {
    return c < channels_.size() ? std::string_view(channels_[c]) : std::string_view{};
  }

 private:
  std::string score_;
  doorway_policy_vtable vt_;
  Payload payload_;
  std::vector<std::string> types_;
  std::vector<std::string> channels_;
};

// One score's per-lead states: `stride` bytes each (state_size rounded up to the
// alignment of max_align_t) in one buffer of max_align_t, so every state is
// aligned like malloc's memory.
class CallbackColumn final : public detail::ScoreColumn {
 public:
  explicit CallbackColumn(std::shared_ptr<const CallbackPolicy> p)
      : p_(std::move(p)),
        size_(p_->vt().state_size),
        units_((size_ + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t)),
        scratch_(units_) {}

  void resize(std::size_t leads) override {
    const std::size_t before = leads_;
    states_.resize(leads * units_);  // new states are zeroed
    leads_ = leads;
    for (std::size_t i = before; i < leads; ++i) init(state(static_cast<std::uint32_t>(i)));
  }

  void reset(std::uint32_t lead) override {
    void* s = state(lead);
    if (s != nullptr) std::memset(s, 0, size_);
    init(s);
  }

  Applied apply(std::uint32_t lead, const ScoreContext& ctx) override {
    const doorway_policy_vtable& vt = p_->vt();
    void* s = state(lead);
    doorway_policy_touch t{};
    t.type = to_str(p_->type_name(ctx.type));
    t.channel = to_str(p_->channel_name(ctx.channel));
    t.rule = to_str(rule_id(ctx.classification.rule));
    t.at = ctx.at;
    if (ctx.value != nullptr && ctx.value->has_value()) {
      t.has_value = 1;
      t.value = **ctx.value;
    }
    t.team = static_cast<int>(ctx.classification.team);
    t.audience = static_cast<int>(ctx.classification.axes.audience);
    t.interaction = static_cast<int>(ctx.classification.axes.interaction);
    t.initiator = static_cast<int>(ctx.classification.axes.initiator);
    t.kind = static_cast<int>(ctx.classification.kind);
    if (s != nullptr) std::memcpy(scratch_.data(), s, size_);
    double points = 0;
    int rc = vt.apply(s, &t, &points, p_->payload());
    if (rc == 0 && !std::isfinite(points)) rc = kNotFinite;
    if (rc != 0) {
      if (s != nullptr) std::memcpy(s, scratch_.data(), size_);  // as before the call
      note(rc, "apply", ctx.at, p_->type_name(ctx.type));
      return Applied{0, 0, false};
    }
    return Applied{points, 0, points != 0};
  }

  double value(std::uint32_t lead, Timestamp now) const override {
    double out = 0;
    int rc = p_->vt().value(state(lead), now, &out, p_->payload());
    if (rc == 0 && !std::isfinite(out)) rc = kNotFinite;
    if (rc != 0) {
      note(rc, "value", now, {});
      return 0;
    }
    return out;
  }
  double guard_value(std::uint32_t lead, Timestamp now) const override { return value(lead, now); }

  double factor(Timestamp at, Timestamp now) const override {
    if (p_->vt().factor == nullptr) return 1;
    double out = 0;
    int rc = p_->vt().factor(at, now, &out, p_->payload());
    if (rc == 0 && !std::isfinite(out)) rc = kNotFinite;
    if (rc != 0) {
      note(rc, "factor", at, {});
      return 0;
    }
    return out;
  }

  std::string rule_name(const Applied&, std::string_view type) const override {
    return detail::cat("custom.", p_->score(), ":", type);
  }
  std::size_t state_bytes() const override { return states_.capacity() * sizeof(std::max_align_t); }

 private:
  // A callback that "succeeded" with a non-finite number is a failure reported as rc 0.
  static constexpr int kNotFinite = 0x7FFFFFFF;

  void* state(std::uint32_t lead) const noexcept {
    if (units_ == 0) return nullptr;
    return const_cast<std::max_align_t*>(states_.data() + std::size_t{lead} * units_);
  }
  void init(void* s) {
    if (p_->vt().init == nullptr) return;
    if (const int rc = p_->vt().init(s, p_->payload())) {
      if (s != nullptr) std::memset(s, 0, size_);
      note(rc, "init", 0, {});
    }
  }
  void note(int rc, const char* callback, Timestamp at, std::string_view type) const noexcept {
    note_policy_failure(&p_->score(), callback, rc == kNotFinite ? 0 : rc, at, type);
  }

  std::shared_ptr<const CallbackPolicy> p_;
  std::size_t size_;
  std::size_t units_;
  std::size_t leads_ = 0;
  std::vector<std::max_align_t> states_;
  std::vector<std::max_align_t> scratch_;
};

std::unique_ptr<detail::ScoreColumn> CallbackPolicy::make_column() const {
  return std::make_unique<CallbackColumn>(shared_from_this());
}

}  // namespace

extern "C" {

DOORWAY_API int doorway_model_with_policy(doorway_model** out, const doorway_model* base, const char* name,
                                          size_t name_len, const doorway_policy_vtable* vtable, void* payload,
                                          void (*payload_free)(void* payload)) {
  static constexpr const char* fn = "doorway_model_with_policy";
  // From here on payload_free runs exactly once: when the policy dies, or on failure.
  Payload owned(payload, payload_free);
  return guarded(fn, [&]() -> int {
    if (out == nullptr) return fail(DOORWAY_EINVAL, fn, "out is NULL");
    *out = nullptr;
    if (const int rc = check_model(base, fn, "base")) return rc;
    std::string_view score;
    if (const int rc = to_nonempty_view(score, name, name_len, fn, "name")) return rc;
    if (base->model->find_score(score)) {
      return fail(DOORWAY_EINVAL, fn, "name: the base model already has a score named \"", score, "\"");
    }
    if (vtable == nullptr) return fail(DOORWAY_EINVAL, fn, "vtable is NULL");
    if (vtable->version != DOORWAY_POLICY_VTABLE_VERSION) {
      return fail(DOORWAY_EVERSION, fn, "vtable->version is ", vtable->version, ", this library knows version ",
                  DOORWAY_POLICY_VTABLE_VERSION);
    }
    if (vtable->state_size > DOORWAY_POLICY_STATE_MAX) {
      return fail(DOORWAY_EINVAL, fn, "vtable->state_size is ", vtable->state_size, ", more than ",
                  DOORWAY_POLICY_STATE_MAX);
    }
    if (vtable->apply == nullptr) return fail(DOORWAY_EINVAL, fn, "vtable->apply is NULL");
    if (vtable->value == nullptr) return fail(DOORWAY_EINVAL, fn, "vtable->value is NULL");

    const Model& m = *base->model;
    auto policy = std::make_shared<CallbackPolicy>(std::string(score), *vtable, std::move(owned), m.catalog());
    ModelBuilder b(m);
    b.add_score(std::string(score), std::move(policy), "custom scoring policy (C callbacks)");
    std::vector<Problem> problems;
    std::shared_ptr<const Model> built = b.build(&problems);
    if (!built) return fail(DOORWAY_EDATA, fn, "the model with score \"", score, "\" does not validate: ",
                            to_string(problems));
    auto handle = std::make_unique<doorway_model>();
    handle->model = std::move(built);
    *out = handle.release();
    return DOORWAY_OK;
  });
}

}  // extern "C"

