// docs/conformance.md, generated from the one case table: `tlsrpt-lab conformance --reference`.
#pragma once

#include <string>

namespace tlsrpt::conformance {

std::string reference_markdown();

}  // namespace tlsrpt::conformance
