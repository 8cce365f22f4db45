// A parser whose bracket matcher never terminates once nesting passes 64 levels (it waits for a
// closing bracket it already consumed). Everything else is accepted.
#include <chrono>
#include <thread>

#include "read_input.hpp"

int main(int argc, char** argv) {
  const auto text = read_input(argc, argv);
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > 64)
        for (;;) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  std::cout << "ok\n";
  return 0;
}
