// A valid report (strict profile, no findings at all) for tests to mutate, as JSON and as a model.
#pragma once

#include <nlohmann/json.hpp>

#include "core/report/model.hpp"

namespace tlsrpt::test {

nlohmann::json valid_report_json();
Report valid_report();

}  // namespace tlsrpt::test
