// mime-missing-dkim: removes every DKIM-Signature (§3: the receiver MUST ignore such a report).
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"
#include "generators/output/mime_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng&) {
  std::string out(in);
  const int n = remove_header(out, "DKIM-Signature");
  if (n == 0) return unchanged(in, "the message has no DKIM-Signature");
  return Mutation{std::move(out), "removed " + std::to_string(n) + " DKIM-Signature header(s)"};
}
}  // namespace
extern const Mutator mime_missing_dkim{"mime-missing-dkim", Layer::mime, "remove the DKIM-Signature",
    "8460-3-dkim-signature", run};
}  // namespace tlsrpt::gen::mut
