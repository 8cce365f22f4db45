#include "core/report/result_types.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace tlsrpt {
namespace {

constexpr std::array<ResultTypeInfo, 11> kRegistry{{
    {ResultType::starttls_not_supported, "starttls-not-supported", "4.3.1", "negotiation",
     "The receiving MX did not offer STARTTLS (or an on-path attacker removed it from the EHLO reply), "
     "so no encrypted session could be set up.",
     "Check that every MX advertises STARTTLS and that nothing on the path (firewall, SMTP proxy) strips it."},
    {ResultType::certificate_host_mismatch, "certificate-host-mismatch", "4.3.1", "negotiation",
     "The MX presented a certificate whose names (SAN) do not include the MX host name the sender connected to.",
     "Reissue the certificate with the MX host name in its subjectAltName, or fix the MX record / policy."},
    {ResultType::certificate_expired, "certificate-expired", "4.3.1", "negotiation",
     "The MX presented a certificate whose validity period had ended (or had not yet begun).",
     "Renew the MX certificate and make sure every MX host reloaded it."},
    {ResultType::certificate_not_trusted, "certificate-not-trusted", "4.3.1", "negotiation",
     "The MX certificate did not chain to a CA the sender trusts: self-signed, an unknown root, or an incomplete chain.",
     "Serve the full chain (leaf plus intermediates) from a publicly trusted CA."},
    {ResultType::validation_failure, "validation-failure", "4.3.1", "general",
     "TLS could not be validated for a reason not covered by a more specific type; failure-reason-code says which.",
     "Read failure-reason-code: it carries the sender's own TLS or validation error."},
    {ResultType::tlsa_invalid, "tlsa-invalid", "4.3.2.1", "dane",
     "The DANE TLSA records for the MX were published but none of them was usable or matched the certificate.",
     "Compare the TLSA records at _25._tcp.<mx> with the certificate the MX serves (rollover: publish new before switching)."},
    {ResultType::dnssec_invalid, "dnssec-invalid", "4.3.2.1", "dane",
     "DNSSEC validation of the MX or TLSA records failed (bogus or expired signatures), so DANE could not be used.",
     "Re-sign the zone, check the DS at the parent and the signature validity periods."},
    {ResultType::dane_required, "dane-required", "4.3.2.1", "dane",
     "The sender requires DANE for this destination, but no DNSSEC-validated TLSA records were found for the MX.",
     "Publish signed TLSA records for every MX, or check why the zone is not DNSSEC-secure."},
    {ResultType::sts_policy_fetch_error, "sts-policy-fetch-error", "4.3.2.2", "mta-sts",
     "The sender could not fetch the MTA-STS policy from https://mta-sts.<domain>/.well-known/mta-sts.txt "
     "(host unreachable, timeout, HTTP error or redirect).",
     "Check the policy web host: DNS for mta-sts.<domain>, that it answers 200 with text/plain, and no redirects."},
    {ResultType::sts_policy_invalid, "sts-policy-invalid", "4.3.2.2", "mta-sts",
     "The MTA-STS policy was fetched but could not be parsed or was invalid, or the MX is not listed in it.",
     "Check the policy file syntax (version, mode, mx, max_age) and that every MX matches an mx: line."},
    {ResultType::sts_webpki_invalid, "sts-webpki-invalid", "4.3.2.2", "mta-sts",
     "The MTA-STS policy host's HTTPS certificate could not be validated with WebPKI, so the policy could not be trusted.",
     "Serve a publicly trusted, unexpired certificate for mta-sts.<domain> on the policy web host."},
}};

// A name's slot from its length and fifth character, which tell every registered name apart: a lookup
// is one slot read and at most one comparison. Two names in one slot, or a name shorter than
// same_text reads, stop the build.
constexpr std::size_t kShortestName = 8;
constexpr std::size_t slot(std::string_view name) { return (name.size() * 3 + static_cast<unsigned char>(name[4])) % 64; }

struct Slot {
  std::string_view name;  // empty: no row
  const ResultTypeInfo* row = nullptr;
};

// The name is kept in the slot as well as in its row, so a lookup reads the text it compares with
// straight from the slot.
constexpr std::array<Slot, 64> kSlots = [] {
  std::array<Slot, 64> t{};
  for (const ResultTypeInfo& row : kRegistry) {
    if (row.name.size() < kShortestName || !t[slot(row.name)].name.empty())
      throw "result-type names collide in kSlots: change slot()";
    t[slot(row.name)] = {row.name, &row};
  }
  return t;
}();

// Equality of two texts of at least kShortestName (8) characters, eight at a time, the last eight
// overlapping: registry names are 12 to 25 characters, where a memcmp call costs more than this.
bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const auto word = [](std::string_view s, std::size_t at) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + at, sizeof w);
    return w;
  };
  const std::size_t last = a.size() - 8;
  std::uint64_t diff = word(a, last) ^ word(b, last);
  for (std::size_t at = 0; at < last; at += 8) diff |= word(a, at) ^ word(b, at);
  return diff == 0;
}

}  // namespace

std::span<const ResultTypeInfo> result_types() { return kRegistry; }

const ResultTypeInfo* find_result_type(std::string_view name) {
  if (name.size() < kShortestName) return nullptr;
  const Slot& candidate = kSlots[slot(name)];
  return same_text(candidate.name, name) ? candidate.row : nullptr;
}

const ResultTypeInfo& info(ResultType type) { return kRegistry[static_cast<std::size_t>(type)]; }

std::string_view to_string(ResultType type) { return info(type).name; }

}  // namespace tlsrpt
