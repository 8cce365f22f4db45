// Certificate faults of the policy host: "cert-<pki profile>" serves a leaf of that PKI profile
// (fakemx/pki/profile.hpp) for mta-sts.<domain>: cert-rogue-root, cert-expired, cert-wrong-name,
// cert-self-signed, ... A sender reports sts-webpki-invalid.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fakemx/pki/profile.hpp"

namespace tlsrpt::fakemx::policy {

inline constexpr std::string_view kCertFaultPrefix = "cert-";

// The PKI profile a certificate fault name stands for; nullopt when it is not one.
std::optional<pki::Profile> cert_fault_profile(std::string_view fault_name);
std::vector<std::string> cert_fault_names();

}  // namespace tlsrpt::fakemx::policy
