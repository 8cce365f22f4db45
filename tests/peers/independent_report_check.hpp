// An RFC 8460 report reader that shares nothing with the core: Python's gzip, json (duplicate
// member names and NaN/Infinity rejected, as I-JSON requires) and email modules, and the §4.4
// required fields, §5.1 file name and §5.3 mail checks written out here. Given folders, it
// checks every *.json.gz (and the .eml beside it) and prints "OK name" or "ERROR name: why" per
// file; exit 1 when any failed or none was found.
#pragma once

#include <string_view>

namespace tlsrpt::test::peers {

inline constexpr std::string_view kIndependentReportCheck = R"py(
import calendar, email, email.policy, gzip, json, re, sys, time
from pathlib import Path

LIMIT = 16 * 1024 * 1024
POLICY_TYPES = {"tlsa", "sts", "no-policy-found"}
RESULT_TYPES = {"starttls-not-supported", "certificate-host-mismatch", "certificate-expired",
                "certificate-not-trusted", "validation-failure", "tlsa-invalid", "dnssec-invalid",
                "dane-required", "sts-policy-fetch-error", "sts-policy-invalid", "sts-webpki-invalid"}
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
SUBJECT = re.compile(r"^Report\s+Domain:\s+(\S+)\s+Submitter:\s+(\S+)\s+Report-ID:\s+<([^@<>\s]+@[^@<>\s]+)>\s*$")


class Bad(Exception):
    pass


def no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise Bad("duplicate member name " + repr(key))
        seen[key] = value
    return seen


def no_constant(name):
    raise Bad("non-I-JSON number " + name)


def load(gz):
    data = gzip.decompress(gz)
    if len(data) > LIMIT:
        raise Bad("report larger than %d bytes" % LIMIT)
    return json.loads(data.decode("utf-8"), object_pairs_hook=no_duplicates, parse_constant=no_constant)


def need(obj, key, kind, where):
    if not isinstance(obj, dict) or key not in obj:
        raise Bad("%s: missing %s" % (where, key))
    value = obj[key]
    if kind is int:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 2**53 - 1:
            raise Bad("%s.%s: not a non-negative integer: %r" % (where, key, value))
    elif not isinstance(value, kind):
        raise Bad("%s.%s: not a %s: %r" % (where, key, kind.__name__, value))
    return value


def epoch(text):
    return calendar.timegm(time.strptime(text[:19], "%Y-%m-%dT%H:%M:%S"))


def check_report(r):
    need(r, "organization-name", str, "report")
    contact = need(r, "contact-info", str, "report")
    if contact.count("@") != 1:
        raise Bad("contact-info is not an address: " + contact)
    need(r, "report-id", str, "report")
    dates = need(r, "date-range", dict, "report")
    for key in ("start-datetime", "end-datetime"):
        if not DATETIME.match(need(dates, key, str, "date-range")):
            raise Bad("date-range.%s is not an RFC 3339 date-time: %s" % (key, dates[key]))
    policies = need(r, "policies", list, "report")
    if not policies:
        raise Bad("policies is empty")
    for i, p in enumerate(policies):
        where = "policies[%d]" % i
        policy = need(p, "policy", dict, where)
        kind = need(policy, "policy-type", str, where + ".policy")
        if kind not in POLICY_TYPES:
            raise Bad("%s.policy.policy-type unknown: %s" % (where, kind))
        need(policy, "policy-domain", str, where + ".policy")
        if kind in ("sts", "tlsa") and "policy-string" in policy:
            strings = need(policy, "policy-string", list, where + ".policy")
            if not all(isinstance(s, str) for s in strings):
                raise Bad(where + ".policy.policy-string holds a non-string")
        if "mx-host" in policy:
            if kind != "sts":
                raise Bad(where + ".policy.mx-host on a " + kind + " policy")
            if not all(isinstance(s, str) for s in need(policy, "mx-host", list, where + ".policy")):
                raise Bad(where + ".policy.mx-host holds a non-string")
        summary = need(p, "summary", dict, where)
        need(summary, "total-successful-session-count", int, where + ".summary")
        failed = need(summary, "total-failure-session-count", int, where + ".summary")
        details = p.get("failure-details", [])
        if failed > 0 and not details:
            raise Bad(where + ": failures counted but no failure-details")
        for j, d in enumerate(details):
            at = "%s.failure-details[%d]" % (where, j)
            if need(d, "result-type", str, at) not in RESULT_TYPES:
                raise Bad(at + ".result-type not in the registry: " + d["result-type"])
            need(d, "failed-session-count", int, at)
    return r


def check_pair(gz_path):
    report = check_report(load(gz_path.read_bytes()))
    parts = gz_path.name[: -len(".json.gz")].split("!")
    if len(parts) not in (4, 5):
        raise Bad("file name is not sender!policy-domain!begin!end[!id].json.gz")
    sender, domain, begin, end = parts[:4]
    if sender != report["contact-info"].split("@")[1]:
        raise Bad("file name sender %s is not the contact-info domain" % sender)
    dates = report["date-range"]
    if int(begin) != epoch(dates["start-datetime"]) or int(end) != epoch(dates["end-datetime"]):
        raise Bad("file name timestamps differ from date-range")

    eml = gz_path.with_name(gz_path.name + ".eml")
    if not eml.exists():
        return report
    msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    if msg.get_content_type() != "multipart/report" or msg.get_param("report-type") != "tlsrpt":
        raise Bad("mail is not multipart/report; report-type=tlsrpt")
    if str(msg["TLS-Report-Domain"]) != domain:
        raise Bad("TLS-Report-Domain %s is not the file name's policy domain" % msg["TLS-Report-Domain"])
    if str(msg["TLS-Report-Submitter"]) != sender:
        raise Bad("TLS-Report-Submitter is not the contact-info domain")
    subject = SUBJECT.match(" ".join(str(msg["Subject"]).split()))
    if not subject or subject.group(1) != domain or subject.group(2) != sender:
        raise Bad("Subject does not follow RFC 8460 §5.3: " + str(msg["Subject"]))
    dkim = msg.get_all("DKIM-Signature") or []
    if not dkim or any(re.search(r"(^|;)\s*l=", " ".join(str(s).split())) for s in dkim):
        raise Bad("no DKIM-Signature, or one with l=")
    parts = [p for p in msg.iter_parts() if p.get_content_type() == "application/tlsrpt+gzip"]
    if len(parts) != 1 or parts[0].get_filename() != gz_path.name:
        raise Bad("mail has no single application/tlsrpt+gzip part named " + gz_path.name)
    if load(parts[0].get_content()) != report:
        raise Bad("the mail's attachment is not the report file")
    return report


def main():
    bad = 0
    files = sorted(p for d in sys.argv[1:] for p in Path(d).rglob("*.json.gz"))
    for f in files:
        try:
            check_pair(f)
            print("OK", f.name)
        except (Bad, ValueError, KeyError, OSError, EOFError) as e:
            bad += 1
            print("ERROR", f.name + ":", e)
    return 1 if bad or not files else 0


sys.exit(main())
)py";

}  // namespace tlsrpt::test::peers
