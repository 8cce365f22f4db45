// mime-subject-disagrees: a Subject whose Domain and Report-ID are not the report's (§5.6: body wins).
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"
#include "generators/output/mime_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng&) {
  std::string out(in);
  const auto submitter = header_value(in, "TLS-Report-Submitter").value_or("sender.example");
  if (!replace_header(out, "Subject", "Report Domain: elsewhere.example Submitter: " + submitter +
                                          " Report-ID: <not-this-report@" + submitter + ">"))
    return unchanged(in, "no Subject header");
  return Mutation{std::move(out), "changed the Subject's Domain and Report-ID to ones the body does not have"};
}
}  // namespace
extern const Mutator mime_subject_disagrees{"mime-subject-disagrees", Layer::mime,
    "Subject names another domain and report id than the body", "8460-5.6-subject-report-id|8460-5.6-subject-domain", run};
}  // namespace tlsrpt::gen::mut
