#include "modchain/rpc/request_handler.hpp"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "modchain/protocol/json_value.hpp"
#include "modchain/protocol/link_rpc.hpp"

namespace modchain::rpc {
namespace {

using Json = nlohmann::ordered_json;
namespace pb = google::protobuf;

constexpr const char* k_translate_message = "Unable to translate request";
constexpr const char* k_params_data = "parameters could not be parsed";
constexpr const char* k_internal_message = "An internal server error has occurred";
// Deeper documents are refused before parsing: protects the recursive parts of nlohmann::json.
constexpr size_t k_max_json_depth = 128;

/// A JSON-RPC error to send back.
struct Failure {
  int code = codes::k_internal_error;
  std::string message;
  std::optional<std::string> data;
};

Failure translate_failure(std::string data) { return {codes::k_method_not_found, k_translate_message, std::move(data)}; }

std::string dump(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string error_body(const Json& id, const Failure& failure) {
  Json error = {{"code", failure.code}, {"message", failure.message}};
  if (failure.data) error["data"] = *failure.data;
  return dump(Json{{"jsonrpc", "2.0"}, {"error", std::move(error)}, {"id", id}});
}

/// Nesting depth of arrays/objects, skipping string contents; stops counting once above the limit.
bool depth_within_limit(std::string_view text) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > k_max_json_depth) return false;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

/// True for a valid JSON-RPC id: an integer, a string or null.
bool valid_id(const Json& id) { return id.is_null() || id.is_string() || id.is_number_integer(); }

/// Where a method goes: service name, method name and the wrapper message with its oneof field.
struct Target {
  std::string service;
  std::string method;
  std::unique_ptr<pb::Message> wrapper;
  const pb::FieldDescriptor* field = nullptr;
};

bool plain_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::vector<std::string> split_dots(std::string_view text) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot; (dot = text.find('.', start)) != std::string_view::npos; start = dot + 1) {
    parts.emplace_back(text.substr(start, dot - start));
  }
  parts.emplace_back(text.substr(start));
  return parts;
}

/// Resolves `chain.get_head_info` / `koinos.rpc.chain.get_head_info` into a Target.
std::optional<Failure> resolve(std::string_view method, Target& target) {
  auto parts = split_dots(method);
  if (parts.size() < 2) return translate_failure("methods should be in the format service_name.method_name");
  const bool qualified = parts.size() == 4 && parts[0] == "koinos" && parts[1] == "rpc";
  if (parts.size() != 2 && !qualified) return translate_failure("invalid service name provided");
  target.service = parts[parts.size() - 2];
  target.method = parts.back();
  if (!plain_name(target.service)) return translate_failure("invalid service name provided");
  auto wrapper = protocol::make_message("koinos.rpc." + target.service + "." + target.service + "_request");
  if (!wrapper.ok()) return translate_failure("invalid service name provided");
  target.wrapper = std::move(wrapper).value();
  const pb::Descriptor* descriptor = target.wrapper->GetDescriptor();
  const pb::FieldDescriptor* field = plain_name(target.method) ? descriptor->FindFieldByName(target.method) : nullptr;
  const std::string expected_type = "koinos.rpc." + target.service + "." + target.method + "_request";
  if (field == nullptr || field->containing_oneof() == nullptr || field->message_type() == nullptr ||
      field->message_type()->full_name() != expected_type) {
    return translate_failure("unknown method");
  }
  target.field = field;
  return std::nullopt;
}

bool has_prefix_in(const std::string& text, const std::vector<std::string>& prefixes) {
  for (const auto& prefix : prefixes) {
    if (text.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

/// Decodes the service response bytes into the result object of `target`, or a Failure.
std::optional<Failure> decode_response(const Target& target, const std::string& bytes, Json& result) {
  const Failure internal{codes::k_internal_error, k_internal_message, "rpc failed, unexpected response"};
  auto response = protocol::make_message("koinos.rpc." + target.service + "." + target.service + "_response");
  if (!response.ok() || !(*response)->ParseFromString(bytes)) return internal;
  const pb::Message& message = **response;
  const pb::Descriptor* descriptor = message.GetDescriptor();
  if (descriptor->oneof_decl_count() != 1) return internal;
  const pb::FieldDescriptor* set = message.GetReflection()->GetOneofFieldDescriptor(message, descriptor->oneof_decl(0));
  if (set == nullptr) return internal;
  const pb::Message& inner = message.GetReflection()->GetMessage(message, set);
  if (set->name() == "error") {
    // error_status: message, data (a string, left out when empty); details are dropped like the Go gateway.
    const pb::Descriptor* status = inner.GetDescriptor();
    const pb::Reflection* reflection = inner.GetReflection();
    Failure failure{codes::k_internal_error, reflection->GetString(inner, status->FindFieldByName("message")), {}};
    std::string data = reflection->GetString(inner, status->FindFieldByName("data"));
    if (!data.empty()) failure.data = std::move(data);
    return failure;
  }
  if (set->name() != target.method) return internal;
  auto encoded = protocol::to_json_value(inner);
  if (!encoded.ok()) return Failure{codes::k_internal_error, k_internal_message, "rpc failed, " + encoded.error().message};
  result = std::move(*encoded);
  return std::nullopt;
}

/// Lists, params, the bus call and the result: everything after the envelope and the method resolved.
std::string dispatch(bus::Bus& bus, const HandlerOptions& options, const Json& request, const Json& id, Target& target) {
  const std::string full_name = "koinos.rpc." + target.service + "." + target.method;
  if (!options.whitelist.empty() && !has_prefix_in(full_name, options.whitelist)) {
    return error_body(id, translate_failure("method not whitelisted"));
  }
  if (has_prefix_in(full_name, options.blacklist)) return error_body(id, translate_failure("method blacklisted"));

  pb::Message* params = target.wrapper->GetReflection()->MutableMessage(target.wrapper.get(), target.field);
  auto params_it = request.find("params");
  if (params_it != request.end() && !params_it->is_null()) {
    protocol::JsonOptions codec;
    codec.ignore_unknown_fields = true;
    if (!params_it->is_object() || !protocol::from_json_value(*params_it, *params, codec, "params").ok()) {
      return error_body(id, translate_failure(k_params_data));
    }
  }
  std::string bytes;
  if (!target.wrapper->SerializeToString(&bytes)) {
    return error_body(id, {codes::k_internal_error, k_internal_message, "rpc failed, cannot serialize the request"});
  }
  auto answer = bus.call(target.service, bytes, options.call_timeout);
  if (!answer.ok()) return error_body(id, {codes::k_internal_error, k_internal_message, "rpc failed, " + answer.error().message});
  Json result;
  if (auto failure = decode_response(target, *answer, result)) return error_body(id, *failure);
  return dump(Json{{"jsonrpc", "2.0"}, {"result", std::move(result)}, {"id", id}});
}

}  // namespace

std::string oversized_request_response() {
  return error_body(nullptr, {codes::k_invalid_params, "Request exceeds maximum message size", k_params_data});
}

RequestHandler::RequestHandler(bus::Bus& bus, HandlerOptions options) : m_bus(bus), m_options(std::move(options)) {
  protocol::link_all_generated_types();
}

std::string RequestHandler::handle(std::string_view body) const noexcept {
  try {
    return handle_unchecked(body);
  } catch (...) {
    // Only allocation failure can get here; answer something well-formed.
    return R"({"jsonrpc":"2.0","error":{"code":-32603,"message":"An internal server error has occurred"},"id":null})";
  }
}

std::string RequestHandler::handle_unchecked(std::string_view body) const {
  const Json null_id = nullptr;
  if (body.size() > m_options.max_request_bytes) {
    return oversized_request_response();
  }
  if (!depth_within_limit(body)) {
    return error_body(null_id, {codes::k_parse_error, "Unable to parse request",
                                "JSON nesting deeper than " + std::to_string(k_max_json_depth) + " levels"});
  }
  Json request;
  try {
    request = Json::parse(body);
  } catch (const Json::exception& e) {
    return error_body(null_id, {codes::k_parse_error, "Unable to parse request", e.what()});
  }
  if (!request.is_object()) {
    return error_body(null_id, {codes::k_parse_error, "Unable to parse request",
                                request.is_array() ? "batch requests are not supported" : "the request is not a JSON object"});
  }
  auto id_it = request.find("id");
  const bool id_ok = id_it != request.end() && valid_id(*id_it);
  const Json& id = id_ok ? *id_it : null_id;
  auto version = request.find("jsonrpc");
  if (version == request.end() || *version != "2.0") {
    return error_body(id, {codes::k_invalid_request, "Invalid request", "invalid or missing JSON RPC version was specified"});
  }
  if (!id_ok) {
    return error_body(null_id, {codes::k_invalid_request, "Invalid request",
                                id_it == request.end() ? "missing ID" : "invalid ID: must be an integer, a string or null"});
  }
  auto method_it = request.find("method");
  if (method_it != request.end() && !method_it->is_string()) {
    return error_body(id, {codes::k_invalid_request, "Invalid request", "method must be a string"});
  }
  Target target;
  if (auto failure = resolve(method_it == request.end() ? "" : method_it->get_ref<const std::string&>(), target)) {
    return error_body(id, *failure);
  }
  return dispatch(m_bus, m_options, request, id, target);
}

}  // namespace modchain::rpc
