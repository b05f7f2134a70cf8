# One failing case per name: `ruby cases.rb <case>` raises the way the case says; no argument lists the cases.
# Each case is a method, so the backtrace shows it by name as an application frame would.
require 'json'
require 'socket'
require 'timeout'

module Cases
  module_function

  def nil_method = nil_customer.upcase
  def nil_customer = nil

  def nil_method_hash
    settings = {}
    settings['region'].strip
  end

  def undefined_method = 5.frobnicate

  Order = Struct.new(:id)

  def undefined_method_object = Order.new(1).total

  def undefined_local_other = puts(customer_name)

  def wrong_arguments_missing = takes_one

  def ping(depth) = pong(depth + 1) + 1
  def pong(depth) = ping(depth + 1) + 1

  def stack_too_deep_mutual = ping(0)

  def undefined_conversion = "caf\u00e9".encode('US-ASCII')

  def undefined_local
    total = 1
    total + discount_rate
  end

  def uninitialized_constant = OrderService.new

  def uninitialized_constant_nested = Shop::Cart.new

  def zero_division
    count = 0
    100 / count
  end

  def zero_modulo
    count = 0
    100 % count
  end

  def key_error = { currency: 'EUR' }.fetch(:amount)

  def key_error_env = ENV.fetch('HOMEOSTASIS_UNSET_DATABASE_URL')

  def index_error = [1, 2].fetch(5)

  def index_error_string
    code = +'abc'
    code[10] = 'x'
  end

  def type_coerce = 1 + '2'

  def type_implicit = 'total: ' + 3

  def integer_invalid = Integer('abc')

  def float_invalid = Float('1.5x')

  def takes_one(value) = value

  def wrong_arguments = takes_one(1, 2)

  def file_not_found = File.read('/nonexistent/config.yml')

  def file_not_found_open = File.open('missing-settings.json')

  def connection_refused = TCPSocket.new('127.0.0.1', 1)

  def connection_refused_other = TCPSocket.new('127.0.0.1', 9)

  def json_unexpected_token = JSON.parse('{"order": }')

  def json_empty = JSON.parse('')

  def frozen_string = 'abc'.freeze << 'd'

  def frozen_array = [1, 2].freeze << 3

  def load_error = require 'homeostasis_missing_gem'

  def load_error_other = require 'pg'

  def load_config = Integer('x')

  def wrapped_error
    load_config
  rescue ArgumentError
    raise 'config is invalid'
  end

  def recurse(depth) = recurse(depth + 1) + 1

  def stack_too_deep = recurse(0)

  def timeout_expired = Timeout.timeout(0.05) { sleep 1 }

  def timeout_expired_custom = Timeout.timeout(0.05, Timeout::Error, 'payment gateway timed out') { sleep 1 }

  def runtime_error = raise('order 42 has no customer')

  def invalid_byte_sequence = "caf\xE9".encode('UTF-16')
end

CASE_NAMES = %w[
  nilMethod nilMethodHash undefinedMethod undefinedLocal uninitializedConstant uninitializedConstantNested
  zeroDivision zeroModulo keyError keyErrorEnv indexError indexErrorString typeCoerce typeImplicit integerInvalid
  floatInvalid wrongArguments fileNotFound fileNotFoundOpen connectionRefused connectionRefusedOther
  jsonUnexpectedToken jsonEmpty frozenString frozenArray loadError loadErrorOther stackTooDeep timeoutExpired
  timeoutExpiredCustom runtimeError invalidByteSequence wrappedError
  undefinedMethodObject undefinedLocalOther wrongArgumentsMissing stackTooDeepMutual undefinedConversion
].freeze

wanted = ARGV.first
if wanted.nil?
  puts CASE_NAMES
elsif CASE_NAMES.include?(wanted)
  Cases.public_send(wanted.gsub(/([A-Z])/) { "_#{Regexp.last_match(1).downcase}" })
else
  warn "unknown case #{wanted}"
end
