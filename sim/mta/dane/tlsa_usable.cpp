#include "sim/mta/dane/tlsa_usable.hpp"

namespace tlsrpt::sim {

TlsaSelection select_usable_tlsa(const std::vector<std::string>& rdatas) {
  TlsaSelection out;
  for (const std::string& text : rdatas) {
    auto rr = parse_tlsa(text);
    if (!rr) {
      ++out.unusable;
      out.policy_strings.push_back(text);
      continue;
    }
    out.policy_strings.push_back(rr->text());
    const bool usage_ok = rr->usage == 2 || rr->usage == 3;
    const bool selector_ok = rr->selector <= 1;
    const bool data_ok = (rr->mtype == 0 && !rr->data.empty()) || (rr->mtype == 1 && rr->data.size() == 32) ||
                         (rr->mtype == 2 && rr->data.size() == 64);
    if (usage_ok && selector_ok && data_ok) {
      out.usable.push_back(std::move(*rr));
    } else {
      ++out.unusable;
    }
  }
  return out;
}

}  // namespace tlsrpt::sim
