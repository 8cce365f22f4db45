// The reporter personalities `generate` offers: every row of the one personality table
// (core/report/personality.hpp, documented in docs/personalities.md) except the simulator's own
// (strict, mox). The JSON writer, the e-mail shaper and the synthesizer read their fields.
#pragma once

#include <span>
#include <string_view>

#include "core/report/personality.hpp"

namespace tlsrpt::gen {

std::span<const Personality> personalities();
const Personality* find_personality(std::string_view name);  // nullptr if unknown or not offered

}  // namespace tlsrpt::gen
