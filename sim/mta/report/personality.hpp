// The simulated sender's reporting habits: a row of the one personality table
// (core/report/personality.hpp; docs/personalities.md says which quirks the simulator applies).
// A default-constructed Personality is the strict RFC 8460 reporter ("strict").
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "core/report/personality.hpp"

namespace tlsrpt::sim {

using tlsrpt::Personality;

// Any row of the table by name: "strict" (default), "google", "microsoft", "mailru", "stalwart",
// "postfix", "mox", ...
std::optional<Personality> personality_by_name(std::string_view name);
std::span<const std::string_view> personality_names();

}  // namespace tlsrpt::sim
