// Shared by the generator tests: one-personality factories and small readers.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "generators/output/factory.hpp"

namespace tlsrpt::gen::test {

// A profile with one reporter of `personality`, `count` reports, seed 7, every policy type and failures.
GenerationProfile profile_for(const std::string& personality, std::uint64_t count = 40);
ReportFactory factory_for(const std::string& personality, Format format = Format::json,
                          std::vector<std::string> chain = {}, MessageSigner* signer = nullptr);

// The keys of a JSON object in document order (nlohmann::ordered_json keeps it).
std::vector<std::string> keys_of(const nlohmann::ordered_json& object);

std::string read_file(const std::string& path);

}  // namespace tlsrpt::gen::test
