#include "core/json/report_view.hpp"

namespace tlsrpt {
namespace {

constexpr std::size_t kKeptDetails = 1u << 14;  // beyond this a cleared view gives its memory back
constexpr std::size_t kKeptDecodedBytes = 1u << 16;

template <class T>
void clear_keeping_small(std::vector<T>& v, std::size_t keep) {
  if (v.capacity() > keep)
    std::vector<T>().swap(v);
  else
    v.clear();
}

std::optional<std::string_view> view(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return std::string_view(*s);
}

std::optional<std::string> own(const std::optional<std::string_view>& s) {
  if (!s) return std::nullopt;
  return std::string(*s);
}

void own_into(std::optional<std::string>& out, OptionalText s) {
  if (s) out.emplace(*s);
}

ViewRange append(std::vector<std::string_view>& texts, const std::vector<std::string>& from) {
  const std::size_t first = texts.size();
  texts.insert(texts.end(), from.begin(), from.end());
  return view_range(first, texts.size());
}

std::vector<std::string> own(std::span<const std::string_view> from) { return {from.begin(), from.end()}; }

}  // namespace

void ReportView::clear() {
  organization_name.reset();
  start_datetime = {};
  end_datetime = {};
  contact_info.reset();
  contact_info_null = false;
  report_id.reset();
  clear_keeping_small(policies, kKeptDetails);
  clear_keeping_small(details, kKeptDetails);
  clear_keeping_small(texts, kKeptDetails);
  if (decoded.capacity() > kKeptDecodedBytes)
    std::string().swap(decoded);
  else
    decoded.clear();
}

void ReportView::assign(const Report& r) {
  clear();
  organization_name = view(r.organization_name);
  start_datetime = r.date_range.start_datetime;
  end_datetime = r.date_range.end_datetime;
  contact_info = view(r.contact_info);
  contact_info_null = r.contact_info_null;
  report_id = view(r.report_id);
  policies.reserve(r.policies.size());
  for (const PolicyReport& pr : r.policies) {
    PolicyReportView& p = policies.emplace_back();
    p.policy_type = pr.policy.policy_type;
    p.policy_type_text = pr.policy.policy_type_text;
    if (pr.policy.policy_string) p.policy_string = append(texts, *pr.policy.policy_string);
    p.policy_domain = view(pr.policy.policy_domain);
    if (pr.policy.mx_host) p.mx_host = append(texts, *pr.policy.mx_host);
    p.mx_host_as_string = pr.policy.mx_host_as_string;
    p.summary = pr.summary;
    if (!pr.failure_details) continue;
    const std::size_t first = details.size();
    for (const FailureDetail& d : *pr.failure_details)
      details.push_back({d.result_type, view(d.sending_mta_ip), view(d.receiving_mx_hostname),
                         view(d.receiving_mx_helo), view(d.receiving_ip), d.failed_session_count,
                         view(d.additional_information), view(d.failure_reason_code)});
    p.failure_details = view_range(first, details.size());
  }
}

Report ReportView::to_report() const {
  Report r;
  r.organization_name = own(organization_name);
  r.date_range = {std::string(start_datetime), std::string(end_datetime)};
  r.contact_info = own(contact_info);
  r.contact_info_null = contact_info_null;
  r.report_id = own(report_id);
  r.policies.reserve(policies.size());
  for (const PolicyReportView& p : policies) {
    PolicyReport& pr = r.policies.emplace_back();
    pr.policy.policy_type = p.policy_type;
    pr.policy.policy_type_text = std::string(p.policy_type_text);
    if (p.policy_string) pr.policy.policy_string = own(list(*p.policy_string));
    pr.policy.policy_domain = own(p.policy_domain);
    if (p.mx_host) pr.policy.mx_host = own(list(*p.mx_host));
    pr.policy.mx_host_as_string = p.mx_host_as_string;
    pr.summary = p.summary;
    if (!p.failure_details) continue;
    auto& out = pr.failure_details.emplace();
    out.reserve(p.failure_details->count);
    for (const FailureDetailView& d : details_of(p)) {
      FailureDetail& f = out.emplace_back();  // filled in place: no temporary to move from
      f.result_type = d.result_type;
      own_into(f.sending_mta_ip, d.sending_mta_ip);
      own_into(f.receiving_mx_hostname, d.receiving_mx_hostname);
      own_into(f.receiving_mx_helo, d.receiving_mx_helo);
      own_into(f.receiving_ip, d.receiving_ip);
      f.failed_session_count = d.failed_session_count;
      own_into(f.additional_information, d.additional_information);
      own_into(f.failure_reason_code, d.failure_reason_code);
    }
  }
  return r;
}

}  // namespace tlsrpt
