// failure-reason-code texts in the styles real reporters use: OpenSSL X509_V_ERR names (the RFC's
// examples), Go error strings (Mail.ru), or nothing (Google, Microsoft).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/util/rng.hpp"
#include "generators/personality/personality.hpp"

namespace tlsrpt::gen {

// Sets `out` to the reason code for `result_type` in `style`, or resets it when the style has none.
void reason_code(ReasonCodes style, std::string_view result_type, std::string_view policy_domain, Rng& rng,
                 std::optional<std::string>& out);

}  // namespace tlsrpt::gen
