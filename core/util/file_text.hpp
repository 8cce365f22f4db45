// A whole file read into memory, for the small files the tools take as input (keys, profiles,
// expectation files, corpus entries). Callers say what the file was when it cannot be read.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace tlsrpt {

// The file's bytes, or nullopt when it cannot be opened or reading it fails.
std::optional<std::string> read_whole_file(const std::filesystem::path& path);

}  // namespace tlsrpt
