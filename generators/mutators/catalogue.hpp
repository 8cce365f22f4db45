// Every mutator, one per file in this folder; registry.cpp lists them in catalogue order.
#pragma once

#include "generators/mutators/mutator.hpp"

namespace tlsrpt::gen::mut {

// JSON text
extern const Mutator missing_required_field, wrong_type, null_value, empty_string, negative_count, huge_count,
    float_count, integer_past_2_53, duplicate_key, invalid_utf8, overlong_string, deep_nesting, unknown_result_type,
    bad_date, bad_ip, mx_host_string, json_in_string_policy;
// gzip member
extern const Mutator gzip_truncated, gzip_bad_crc, gzip_concatenated, gzip_bomb, gzip_extra_fields;
// RFC 5322 / MIME message
extern const Mutator mime_missing_closing_boundary, mime_wrong_media_type, mime_base64_error, mime_nested_multipart,
    mime_huge_headers, mime_mismatched_report_headers, mime_subject_disagrees, mime_missing_dkim, mime_broken_dkim;

}  // namespace tlsrpt::gen::mut
