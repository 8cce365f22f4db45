// Shared by the deliberately broken parsers: the input file named by argv[1] (or stdin).
#pragma once

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

inline std::string read_input(int argc, char** argv) {
  if (argc > 1) {
    std::ifstream in(argv[1], std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
}
