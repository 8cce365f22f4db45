// failure-reason-code texts in the styles real reporters use: OpenSSL X509_V_ERR names (the RFC's
// examples), Go error strings (Mail.ru), or nothing (Google, Microsoft).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/util/rng.hpp"
#include "generators/personality/personality.hpp"

namespace tlsrpt::gen {

std::optional<std::string> reason_code(ReasonCodes style, std::string_view result_type,
                                       std::string_view policy_domain, Rng& rng);

}  // namespace tlsrpt::gen
