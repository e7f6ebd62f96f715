#include "modchain/state_db/crash_support.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <random>
#include <sstream>

#include "modchain/state_db/crash_protocol.hpp"
#include "modchain/state_db/test_support.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::state_db::testing {
namespace {

// "<revision> <id hex> <merkle root hex> <digest>" of a root.
std::string describe_root(const StateNode& root) {
  return std::to_string(root.revision()) + " " + util::to_hex(root.id()) + " " +
         util::to_hex(root.merkle_root().value().to_bytes()) + " " + std::to_string(crash_digest(root).value());
}

struct Round {
  std::vector<std::string> lines;
  int exit_signal = 0;
};

// Starts the helper, reads its lines until `delay`, kills it with SIGKILL and drains the pipe.
Round run_child(const std::string& dir, uint64_t seed, std::chrono::milliseconds delay) {
  Round round;
  int fds[2];
  if (::pipe(fds) != 0) {
    ADD_FAILURE() << "pipe failed";
    return round;
  }
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    ::close(fds[1]);
    std::string seed_text = std::to_string(seed);
    ::execl(MODCHAIN_STATE_DB_CRASH_HELPER, MODCHAIN_STATE_DB_CRASH_HELPER, dir.c_str(), seed_text.c_str(), "1000000",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[1]);
  std::string buffer;
  auto deadline = std::chrono::steady_clock::now() + delay;
  bool killed = false;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (!killed && left.count() <= 0) {
      ::kill(pid, SIGKILL);
      killed = true;
    }
    pollfd pfd{fds[0], POLLIN, 0};
    ::poll(&pfd, 1, killed ? 1000 : static_cast<int>(std::max<int64_t>(left.count(), 1)));
    if (pfd.revents == 0) continue;
    char chunk[4096];
    ssize_t n = ::read(fds[0], chunk, sizeof chunk);
    if (n <= 0) break;  // EOF: the child is gone
    buffer.append(chunk, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  if (!killed) ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  round.exit_signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  std::istringstream in(buffer);
  for (std::string line; std::getline(in, line);) round.lines.push_back(line);
  return round;
}

}  // namespace

void run_crash_rounds(int rounds, uint64_t seed) {
  TempDir dir;
  std::mt19937_64 rng(seed);
  std::string durable;  // the verified durable root, as describe_root prints it
  {
    DatabaseOptions options;
    options.rocksdb.path = dir.path();
    auto db = Database::open(options);
    ASSERT_TRUE(db.ok()) << db.error().describe();
    durable = describe_root((*db)->root());
  }
  int in_flight = 0, committed_total = 0;
  for (int r = 0; r < rounds; ++r) {
    SCOPED_TRACE("crash round " + std::to_string(r) + " seed " + std::to_string(seed));
    auto delay = std::chrono::milliseconds(5 + rng() % 300);
    Round round = run_child(dir.path(), seed * 1000 + static_cast<uint64_t>(r), delay);
    std::string committed = durable, committing;
    for (const auto& line : round.lines) {
      if (line.rfind("ready ", 0) == 0) {
        EXPECT_EQ(line.substr(6), durable) << "the child must start from the verified durable root";
      } else if (line.rfind("committing ", 0) == 0) {
        committing = line.substr(11);
      } else if (line.rfind("committed ", 0) == 0) {
        EXPECT_EQ(line.substr(10), committing);
        committed = line.substr(10);
        committing.clear();
        ++committed_total;
      } else {
        ADD_FAILURE() << "helper: " << line;
      }
    }
    EXPECT_EQ(round.exit_signal, SIGKILL) << "the helper should have been killed";
    DatabaseOptions options;
    options.rocksdb.path = dir.path();
    auto db = Database::open(options);
    ASSERT_TRUE(db.ok()) << db.error().describe();
    std::string actual = describe_root((*db)->root());
    if (!committing.empty() && actual == committing) {
      ++in_flight;
    } else {
      EXPECT_EQ(actual, committed) << "durable root is neither the last committed LIB nor the one being committed ("
                                   << committing << ")";
    }
    durable = actual;
    if (::testing::Test::HasFailure()) return;
  }
  std::cout << "[crash] rounds " << rounds << ", LIB commits announced " << committed_total
            << ", kills during a commit that was found durable " << in_flight << "\n";
  EXPECT_GT(committed_total, 0);
}

}  // namespace modchain::state_db::testing
