// Reports of known shape for benchmarks: an RFC-example-sized one and a large one.
#pragma once

#include <cstddef>

#include "core/report/model.hpp"
#include "core/util/rng.hpp"

namespace tlsrpt::bench {

// About 1.7 KB compact: one sts policy, three failure details (the RFC Appendix B shape, made valid).
Report small_report(Rng& rng);
// `details` failure details across two policies (5,000 make about 1.3 MB).
Report large_report(Rng& rng, std::size_t details);

}  // namespace tlsrpt::bench
