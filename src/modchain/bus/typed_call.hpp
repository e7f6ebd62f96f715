#pragma once
/// Typed helpers over Bus for protobuf messages: serialize, call, parse.

#include <chrono>
#include <string>

#include "modchain/bus/bus.hpp"

namespace modchain::bus {

/// Serializes `request`, calls `service`, parses the answer as `Response`. Transport failures keep
/// their rpc_failure error; an answer that does not parse is an rpc_failure naming the service.
template <class Response, class Request>
util::Result<Response> call_typed(Bus& bus, std::string_view service, const Request& request,
                                  std::chrono::milliseconds timeout = std::chrono::milliseconds(1000)) {
  std::string bytes;
  if (!request.SerializeToString(&bytes)) {
    return util::make_error(util::ErrorCode::rpc_failure, "cannot serialize the request to " + std::string(service));
  }
  auto answer = bus.call(service, bytes, timeout);
  if (!answer.ok()) return answer.error();
  Response response;
  if (!response.ParseFromString(*answer)) {
    return util::make_error(util::ErrorCode::rpc_failure, "unparsable response from " + std::string(service));
  }
  return response;
}

/// Serializes `message` and publishes it on `topic`.
template <class Message>
util::Status publish_typed(Bus& bus, std::string_view topic, const Message& message) {
  std::string bytes;
  if (!message.SerializeToString(&bytes)) {
    return util::make_error(util::ErrorCode::rpc_failure, "cannot serialize the message for " + std::string(topic));
  }
  return bus.publish(topic, bytes);
}

}  // namespace modchain::bus
