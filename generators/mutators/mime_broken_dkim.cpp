// mime-broken-dkim: keeps the DKIM-Signature but changes a signed header after signing, so
// verification fails (body hash intact, header hash not).
#include "generators/mutators/catalogue.hpp"
#include "generators/mutators/json_edit.hpp"
#include "generators/output/mime_edit.hpp"

namespace tlsrpt::gen::mut {
namespace {
Mutation run(std::string_view in, std::string_view, Rng&) {
  if (!header_value(in, "DKIM-Signature")) return unchanged(in, "the message has no DKIM-Signature");
  std::string out(in);
  const auto from = header_value(in, "From");
  if (!from || !replace_header(out, "From", *from + " (edited after signing)"))
    return unchanged(in, "no From header to alter");
  return Mutation{std::move(out), "altered the signed From header after signing"};
}
}  // namespace
extern const Mutator mime_broken_dkim{"mime-broken-dkim", Layer::mime,
    "alter a signed header after signing so DKIM verification fails", "dkim:fail", run};
}  // namespace tlsrpt::gen::mut
