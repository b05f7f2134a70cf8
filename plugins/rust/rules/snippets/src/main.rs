//! One failing case per name: `snippets <case>` panics the way the case says; no argument lists the cases.
//! Inputs come from `arg()` so the compiler cannot see the failure coming and reject the program.
use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::{self, File};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::thread;

/// A number the optimiser cannot fold: the length of the case name's tail, offset to the wanted value.
fn arg(wanted: usize) -> usize {
    std::env::args().count() - 2 + wanted
}

fn index_vec() {
    let items = vec![1, 2, 3];
    println!("{}", items[arg(5)]);
}

fn index_array() {
    let slots = [0u8; 4];
    println!("{}", slots[arg(7)]);
}

fn slice_range_end() {
    let items = vec![1, 2, 3];
    println!("{:?}", &items[1..arg(10)]);
}

fn slice_range_start() {
    let items = vec![1, 2, 3];
    println!("{:?}", &items[arg(5)..]);
}

fn unwrap_none_map() {
    let prices: HashMap<&str, u32> = HashMap::new();
    println!("{}", prices.get("apple").unwrap());
}

fn unwrap_none_first() {
    let orders: Vec<u32> = Vec::new();
    println!("{}", orders.first().unwrap());
}

fn divide_by_zero() {
    println!("{}", 10 / arg(0));
}

fn remainder_by_zero() {
    println!("{}", 10 % arg(0));
}

fn parse_int_invalid() {
    let n: i32 = "abc".parse().unwrap();
    println!("{n}");
}

fn parse_int_empty() {
    let n: u32 = "".parse().unwrap();
    println!("{n}");
}

fn parse_int_overflow() {
    let n: u8 = "300".parse().unwrap();
    println!("{n}");
}

fn parse_float_invalid() {
    let n: f64 = "x1.5".parse().unwrap();
    println!("{n}");
}

fn parse_bool_invalid() {
    let b: bool = "yes".parse().unwrap();
    println!("{b}");
}

fn try_from_int() {
    let n = u8::try_from(arg(300)).unwrap();
    println!("{n}");
}

fn utf8_invalid() {
    let text = String::from_utf8(vec![0xff, 0x61]).unwrap();
    println!("{text}");
}

fn utf8_str_invalid() {
    let bytes = [0x61, 0xc3, 0x28];
    let text = std::str::from_utf8(&bytes[..arg(3)]).unwrap();
    println!("{text}");
}

fn poisoned_rwlock() {
    let config = Arc::new(std::sync::RwLock::new(String::new()));
    let writer = Arc::clone(&config);
    let _ = thread::spawn(move || {
        let _guard = writer.write().unwrap();
        panic!("reload failed while writing the config");
    })
    .join();
    println!("{}", config.read().unwrap());
}

fn file_not_found() {
    let file = File::open("/nonexistent/config.toml").unwrap();
    println!("{file:?}");
}

fn read_to_string_not_found() {
    let text = fs::read_to_string("missing-settings.json").expect("read settings");
    println!("{text}");
}

fn connection_refused() {
    let stream = TcpStream::connect("127.0.0.1:1").unwrap();
    println!("{stream:?}");
}

fn connection_refused_expect() {
    let stream = TcpStream::connect("127.0.0.1:9").expect("connect to the database");
    println!("{stream:?}");
}

fn add_overflow() {
    let stock: u8 = 250;
    println!("{}", stock + arg(10) as u8);
}

fn subtract_overflow() {
    let stock: u32 = 2;
    println!("{}", stock - arg(3) as u32);
}

fn multiply_overflow() {
    let total: i32 = i32::MAX;
    println!("{}", total * arg(2) as i32);
}

fn char_boundary() {
    let name = String::from("héllo");
    println!("{}", &name[..arg(2)]);
}

fn str_out_of_bounds() {
    let code = String::from("abc");
    println!("{}", &code[..arg(10)]);
}

fn refcell_borrow_mut() {
    let cell = RefCell::new(vec![1]);
    let first = cell.borrow_mut();
    let second = cell.borrow_mut();
    println!("{first:?} {second:?}");
}

fn refcell_borrow() {
    let cell = RefCell::new(vec![1]);
    let writer = cell.borrow_mut();
    let reader = cell.borrow();
    println!("{writer:?} {reader:?}");
}

fn poisoned_mutex() {
    let counter = Arc::new(Mutex::new(0));
    let held = Arc::clone(&counter);
    let _ = thread::spawn(move || {
        let _guard = held.lock().unwrap();
        panic!("worker failed while holding the lock");
    })
    .join();
    println!("{}", counter.lock().unwrap());
}

fn capacity_overflow() {
    let buffer: Vec<u8> = Vec::with_capacity(usize::MAX - arg(0));
    println!("{}", buffer.len());
}

fn capacity_overflow_wide() {
    let buffer: Vec<u64> = Vec::with_capacity(usize::MAX / 2 - arg(0));
    println!("{}", buffer.len());
}

fn assert_eq_failed() {
    let total = arg(2);
    assert_eq!(total, 3);
}

fn assert_ne_failed() {
    let id = arg(7);
    assert_ne!(id, 7, "ids must differ");
}

fn assert_failed() {
    let quantity = arg(0);
    assert!(quantity > 0);
}

fn explicit_panic() {
    panic!("order {} has no customer", arg(42));
}

fn unreachable_code() {
    match arg(3) {
        0..=2 => println!("small"),
        _ => unreachable!(),
    }
}

fn todo_called() {
    if arg(1) > 0 {
        todo!();
    }
}

#[allow(unconditional_recursion)]
fn recurse(depth: usize) -> usize {
    let padding = [depth; 64];
    padding[depth % 64] + recurse(depth + 1)
}

fn stack_overflow() {
    println!("{}", recurse(arg(0)));
}

fn stack_overflow_thread() {
    let worker = thread::Builder::new().name("worker".into()).spawn(|| recurse(arg(0))).unwrap();
    println!("{:?}", worker.join());
}

const CASES: &[(&str, fn())] = &[
    ("indexVec", index_vec),
    ("indexArray", index_array),
    ("sliceRangeEnd", slice_range_end),
    ("sliceRangeStart", slice_range_start),
    ("unwrapNoneMap", unwrap_none_map),
    ("unwrapNoneFirst", unwrap_none_first),
    ("divideByZero", divide_by_zero),
    ("remainderByZero", remainder_by_zero),
    ("parseIntInvalid", parse_int_invalid),
    ("parseIntEmpty", parse_int_empty),
    ("parseIntOverflow", parse_int_overflow),
    ("parseFloatInvalid", parse_float_invalid),
    ("parseBoolInvalid", parse_bool_invalid),
    ("tryFromInt", try_from_int),
    ("utf8Invalid", utf8_invalid),
    ("utf8StrInvalid", utf8_str_invalid),
    ("poisonedRwLock", poisoned_rwlock),
    ("fileNotFound", file_not_found),
    ("readToStringNotFound", read_to_string_not_found),
    ("connectionRefused", connection_refused),
    ("connectionRefusedExpect", connection_refused_expect),
    ("addOverflow", add_overflow),
    ("subtractOverflow", subtract_overflow),
    ("multiplyOverflow", multiply_overflow),
    ("charBoundary", char_boundary),
    ("strOutOfBounds", str_out_of_bounds),
    ("refcellBorrowMut", refcell_borrow_mut),
    ("refcellBorrow", refcell_borrow),
    ("poisonedMutex", poisoned_mutex),
    ("capacityOverflow", capacity_overflow),
    ("capacityOverflowWide", capacity_overflow_wide),
    ("assertEqFailed", assert_eq_failed),
    ("assertNeFailed", assert_ne_failed),
    ("assertFailed", assert_failed),
    ("explicitPanic", explicit_panic),
    ("unreachableCode", unreachable_code),
    ("todoCalled", todo_called),
    ("stackOverflow", stack_overflow),
    ("stackOverflowThread", stack_overflow_thread),
];

fn main() {
    let wanted = std::env::args().nth(1);
    match wanted {
        None => CASES.iter().for_each(|(name, _)| println!("{name}")),
        Some(name) => match CASES.iter().find(|(case, _)| *case == name) {
            Some((_, run)) => run(),
            None => eprintln!("unknown case {name}"),
        },
    }
}
