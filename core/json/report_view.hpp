// A report read in place: the members of Report (core/report/model.hpp) as views into a parsed
// document or into a Report's own strings. Lists are kept flat in three vectors, so a view that is
// cleared and refilled allocates nothing once it has grown; that is what keeps parsing and
// validating a report cheaper than the JSON parse itself. Views never outlive what they point into.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/report/model.hpp"

namespace tlsrpt {

struct ViewRange {  // a slice of one of ReportView's flat vectors
  std::uint32_t first = 0;
  std::uint32_t count = 0;
};

// The slice [first, end) of one of ReportView's flat vectors.
inline ViewRange view_range(std::size_t first, std::size_t end) {
  return {static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(end - first)};
}

// An optional string view in the space of a string view: absent is a null data pointer. Present
// text always has one (simdjson's strings and std::string::data() never are null), even when
// empty. It keeps failure details small, as a large report holds hundreds of thousands of them.
class OptionalText {
 public:
  constexpr OptionalText() = default;
  constexpr OptionalText(std::nullopt_t) {}
  constexpr OptionalText(std::string_view text) : text_(text.data() ? text : std::string_view("", 0)) {}
  constexpr OptionalText(const std::optional<std::string_view>& text)
      : OptionalText(text ? OptionalText(*text) : OptionalText()) {}

  constexpr explicit operator bool() const { return text_.data() != nullptr; }
  constexpr bool has_value() const { return text_.data() != nullptr; }
  constexpr const std::string_view& operator*() const { return text_; }
  constexpr const std::string_view* operator->() const { return &text_; }

 private:
  std::string_view text_;
};

struct FailureDetailView {
  std::string_view result_type;  // empty when absent, as FailureDetail::result_type
  OptionalText sending_mta_ip;
  OptionalText receiving_mx_hostname;
  OptionalText receiving_mx_helo;
  OptionalText receiving_ip;
  std::optional<std::int64_t> failed_session_count;
  OptionalText additional_information;
  OptionalText failure_reason_code;
};

struct PolicyReportView {
  PolicyType policy_type = PolicyType::no_policy_found;
  std::string_view policy_type_text;
  std::optional<ViewRange> policy_string;  // into ReportView::texts
  std::optional<std::string_view> policy_domain;
  std::optional<ViewRange> mx_host;        // into ReportView::texts
  bool mx_host_as_string = false;
  Summary summary;
  std::optional<ViewRange> failure_details;  // into ReportView::details
};

struct ReportView {
  std::optional<std::string_view> organization_name;
  std::string_view start_datetime;
  std::string_view end_datetime;
  std::optional<std::string_view> contact_info;
  bool contact_info_null = false;
  std::optional<std::string_view> report_id;
  std::vector<PolicyReportView> policies;
  std::vector<FailureDetailView> details;  // every policy's failure details, policy by policy
  std::vector<std::string_view> texts;     // policy-string and mx-host elements
  // The strings whose JSON text held escapes, decoded, for a reader that otherwise points into the
  // text itself. A reader reserves it once, before the first, so views into it stay valid.
  std::string decoded;

  std::span<const std::string_view> list(ViewRange r) const { return {texts.data() + r.first, r.count}; }

  // For the readers: one text as a list of its own, and a failure detail with every member absent.
  ViewRange add_text(std::string_view text) {
    texts.push_back(text);
    return view_range(texts.size() - 1, texts.size());
  }
  FailureDetailView& add_detail() {
    static const FailureDetailView kAbsent{};  // copied in: value-initialising in place compiled to rep stos
    return details.emplace_back(kAbsent);
  }
  std::span<const FailureDetailView> details_of(const PolicyReportView& p) const {
    if (!p.failure_details) return {};
    return {details.data() + p.failure_details->first, p.failure_details->count};
  }

  // Empties the view, keeping capacity unless a huge report left it large.
  void clear();
  // Refills the view with views into `report` (which must outlive it).
  void assign(const Report& report);
  // An owning copy.
  Report to_report() const;
};

}  // namespace tlsrpt
