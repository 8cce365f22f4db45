// The personality JSON writer's string literals: whatever bytes a field holds, the literal reads
// back as those bytes (RFC 8259 §7), whether the byte needing an escape sits in a word the writer
// copies whole or in the tail it copies byte by byte.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "generators/output/report_json.hpp"

namespace tlsrpt::gen {
namespace {

std::string literal(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

TEST(ReportJson, EveryAsciiByteAtEveryPositionReadsBack) {
  for (std::size_t length = 1; length <= 20; ++length)
    for (std::size_t at = 0; at < length; ++at)
      for (int c = 0; c < 0x80; ++c) {
        std::string text(length, 'a');
        text[at] = static_cast<char>(c);
        const auto json = literal(text);
        ASSERT_EQ(nlohmann::json::parse(json).get<std::string>(), text) << "byte " << c << " at " << at << " of " << length;
        const bool escaped = c < 0x20 || c == '"' || c == '\\';
        EXPECT_EQ(json.size(), length + 2 + (escaped ? (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' ? 1 : 5) : 0));
      }
}

TEST(ReportJson, BytesAboveAsciiAreCopiedAsTheyAre) {
  const std::string text = "r\xC3\xA9sum\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x93\xA7 and a lone \xFF byte";
  EXPECT_EQ(literal(text), "\"" + text + "\"");
  EXPECT_EQ(literal(""), "\"\"");
  EXPECT_EQ(literal("12345678\"12345678"), "\"12345678\\\"12345678\"");
}

}  // namespace
}  // namespace tlsrpt::gen
