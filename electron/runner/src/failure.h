// A coded failure: every expected error of the runner becomes one of these, and main turns it
// into an {"ev":"error"} line. Codes are the `RunnerErrorCode` enum of shared/runner-events.ts.
#pragma once

#include <stdexcept>
#include <string>

namespace edge {

class Failure : public std::runtime_error {
 public:
  Failure(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

}  // namespace edge
