// The one-line fault syntax of the command line: "KIND [name=N] [type=T] [count=N] [p=P] [delay=MS]"
// (spaces or commas between fields), e.g. "servfail name=mx1.example.test. type=A count=3".
#pragma once

#include <string>

#include "fakedns/fault_spec.hpp"

namespace tlsrpt::fakedns {

FaultSpec parse_fault_text(const std::string& text);  // throws std::invalid_argument

}  // namespace tlsrpt::fakedns
