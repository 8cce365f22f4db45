// mime-mismatched-report-headers: TLS-Report-Domain and TLS-Report-Submitter that disagree with the body.
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"
#include "generators/output/mime_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng&) {
  std::string out(in);
  const bool d = replace_header(out, "TLS-Report-Domain", "not-the-policy-domain.example");
  const bool s = replace_header(out, "TLS-Report-Submitter", "not-the-contact-domain.example");
  if (!d && !s) return unchanged(in, "no TLS-Report-* headers");
  return Mutation{std::move(out), "set TLS-Report-Domain and TLS-Report-Submitter to domains the report does not name"};
}
}  // namespace
extern const Mutator mime_mismatched_report_headers{"mime-mismatched-report-headers", Layer::mime,
    "TLS-Report-Domain / TLS-Report-Submitter disagree with the report body",
    "8460-5.3-submitter-contact-info|8460-5.6-report-domain", run};
}  // namespace tlsrpt::gen::mut
