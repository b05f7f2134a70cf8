<?php
// One failing case per name: `php cases.php <case>` fails the way the case says; no argument lists the cases.
// Each case is a function, so the trace shows it by name as an application frame would.
declare(strict_types=1);

function nullMethod(): void { $order = null; $order->total(); }
function findCustomer(int $id): ?object { return null; }
function nullMethodLookup(): void { findCustomer(7)->email(); }
function undefinedFunction(): void { calculate_discount(10); }
function undefinedFunctionOther(): void { send_invoice_email(); }
class Cart { public array $items = []; }
function undefinedMethod(): void { (new Cart())->total(); }
function undefinedMethodStatic(): void { Cart::fromSession(); }
function classNotFound(): void { new OrderService(); }
function classNotFoundNamespaced(): void { new \Shop\Payment\Gateway(); }
function divisionByZero(): void { $count = 0; echo 10 / $count; }
function moduloByZero(): void { $count = 0; echo 10 % $count; }
function intdivByZero(): void { echo intdiv(10, 0); }
function addTax(int $cents): int { return $cents + 1; }
function typeErrorArgument(): void { addTax('12.50'); }
function typeErrorArgumentNull(): void { addTax(null); }
function typeErrorReturn(): int { return 'none'; }
function typeErrorOperand(): void { $items = []; echo $items + 1; }
function tooFewArguments(): void { addTax(); }
function tooFewArgumentsBuiltin(): void { str_replace('a'); }
function jsonException(): void { json_decode('{"order": }', false, 512, JSON_THROW_ON_ERROR); }
function jsonExceptionEmpty(): void { json_decode('', true, 512, JSON_THROW_ON_ERROR); }
function valueErrorArray(): void { array_combine([1, 2], [3]); }
function valueErrorString(): void { str_repeat('x', -1); }
function unhandledMatch(): void { $status = 'refunded'; echo match ($status) { 'paid' => 1, 'open' => 2 }; }
function unhandledMatchInt(): void { $code = 7; echo match ($code) { 1 => 'a', 2 => 'b' }; }
function fileNotFound(): void { new SplFileObject('/nonexistent/config.ini'); }
function fileNotFoundRelative(): void { new SplFileObject('missing-settings.json'); }
function recurse(int $depth): int { return recurse($depth + 1) + 1; }
function runtimeException(): void { throw new RuntimeException('order 42 has no customer'); }
function loadConfig(): void { throw new InvalidArgumentException('config value "x" is not a number'); }
function wrappedException(): void {
  try { loadConfig(); } catch (InvalidArgumentException $e) { throw new RuntimeException('config is invalid', 0, $e); }
}
function readonlyModified(): void {
  $point = new class (1) { public function __construct(public readonly int $x) {} };
  $point->x = 2;
}
function nullArgumentBuiltin(): void { $name = null; echo strlen($name); }
function findTotal(): int { return null; }
function typeErrorReturnNull(): void { findTotal(); }
function unsupportedOperandString(): void { $items = []; $discount = 'x'; echo $items - $discount; }
final class Money { public function __construct(public readonly int $amount) {} }
function readonlyModifiedNamed(): void { $price = new Money(100); $price->amount = 90; }
function arrayToStringConversion(): void { $ids = [1]; echo strlen($ids); }

const CASES = [
  'nullMethod', 'nullMethodLookup', 'undefinedFunction', 'undefinedFunctionOther', 'undefinedMethod',
  'undefinedMethodStatic', 'classNotFound', 'classNotFoundNamespaced', 'divisionByZero', 'moduloByZero',
  'intdivByZero', 'typeErrorArgument', 'typeErrorArgumentNull', 'typeErrorReturn', 'typeErrorOperand',
  'tooFewArguments', 'tooFewArgumentsBuiltin', 'jsonException', 'jsonExceptionEmpty', 'valueErrorArray',
  'valueErrorString', 'unhandledMatch', 'unhandledMatchInt', 'fileNotFound', 'fileNotFoundRelative',
  'runtimeException', 'wrappedException', 'readonlyModified', 'arrayToStringConversion', 'nullArgumentBuiltin',
  'typeErrorReturnNull', 'unsupportedOperandString', 'readonlyModifiedNamed',
];

$wanted = $argv[1] ?? null;
if ($wanted === null) {
  echo implode("\n", CASES), "\n";
} elseif (in_array($wanted, CASES, true)) {
  $wanted();
} else {
  fwrite(STDERR, "unknown case\n");
}
