// Structure-aware mutation of report inputs for libFuzzer (fuzz/targets/fuzz_report_structured.cpp):
// find the input's layer (gzip member, report mail, JSON text), apply one of the generators'
// mutators at that layer, sometimes move between layers (compress a JSON report, inflate a gzip
// one), and fall back to plain byte mutation when nothing structural applies or the result
// would not fit. Pure functions of (input, seed), so a libFuzzer run stays reproducible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace tlsrpt::fuzz {

// libFuzzer's own byte mutator (LLVMFuzzerMutate) or a stand-in: mutates `data` in place up to
// `max_size` bytes and returns the new size.
using ByteMutator = std::function<std::size_t(std::uint8_t* data, std::size_t size, std::size_t max_size)>;

std::string mutate_report(std::string_view input, std::size_t max_size, std::uint64_t seed, const ByteMutator& bytes);

// Two reports crossed: policies of one into the other when both are JSON objects, else a splice.
std::string cross_over_reports(std::string_view a, std::string_view b, std::size_t max_size, std::uint64_t seed);

}  // namespace tlsrpt::fuzz
