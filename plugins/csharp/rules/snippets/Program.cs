// Cases for the C# rule examples: each case throws one real exception from Mono's runtime or class library.
// Run without arguments to list the cases; with a case name to run it. Compiled with `mcs -debug` and run with
// `mono --debug` (see ../csharpSnippets.ts) so that frames carry `in <file>:<line>`.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Cases
{
    public class Customer
    {
        public string Name;
        public Customer Referrer;
    }

    public static class Shop
    {
        static readonly Dictionary<string, Action> All = new Dictionary<string, Action>
        {
            { "nullField", NullField },
            { "nullMethod", NullMethod },
            { "keyNotFound", KeyNotFound },
            { "keyNotFoundInt", KeyNotFoundInt },
            { "indexArray", IndexArray },
            { "indexArrayWrite", IndexArrayWrite },
            { "argumentOutOfRangeList", ArgumentOutOfRangeList },
            { "argumentOutOfRangeSubstring", ArgumentOutOfRangeSubstring },
            { "divideByZero", DivideByZero },
            { "moduloByZero", ModuloByZero },
            { "formatInt", FormatInt },
            { "formatGuid", FormatGuid },
            { "invalidCastUnbox", InvalidCastUnbox },
            { "invalidCastClass", InvalidCastClass },
            { "collectionModifiedList", CollectionModifiedList },
            { "collectionModifiedDictionary", CollectionModifiedDictionary },
            { "sequenceEmptyFirst", SequenceEmptyFirst },
            { "sequenceEmptyMax", SequenceEmptyMax },
            { "sequenceMoreThanOne", SequenceMoreThanOne },
            { "fileNotFound", FileNotFound },
            { "directoryNotFound", DirectoryNotFound },
            { "argumentNullLinq", ArgumentNullLinq },
            { "argumentNullKey", ArgumentNullKey },
            { "overflowChecked", OverflowChecked },
            { "overflowParse", OverflowParse },
            { "notImplemented", NotImplemented },
            { "notImplementedOther", NotImplementedOther },
            { "stackOverflow", StackOverflow },
            { "stackOverflowMutual", StackOverflowMutual },
            { "innerException", InnerException },
            { "loggedException", LoggedException },
        };

        static void NullField()
        {
            var customer = new Customer();
            Console.WriteLine(customer.Referrer.Name);
        }

        static void NullMethod()
        {
            var customer = new Customer();
            Console.WriteLine(customer.Name.ToUpper());
        }

        static void KeyNotFound()
        {
            var prices = new Dictionary<string, decimal> { { "apple", 1.5m } };
            Console.WriteLine(prices["total"]);
        }

        static void KeyNotFoundInt()
        {
            var orders = new Dictionary<int, string> { { 1, "first" } };
            Console.WriteLine(orders[42]);
        }

        static void IndexArray()
        {
            var items = new int[] { 1, 2, 3 };
            Console.WriteLine(items[3]);
        }

        static void IndexArrayWrite()
        {
            var names = new string[2];
            names[5] = "late";
        }

        static void ArgumentOutOfRangeList()
        {
            var items = new List<int> { 1, 2 };
            Console.WriteLine(items[2]);
        }

        static void ArgumentOutOfRangeSubstring()
        {
            var code = "AB";
            Console.WriteLine(code.Substring(5));
        }

        static void DivideByZero()
        {
            int count = int.Parse("0");
            Console.WriteLine(100 / count);
        }

        static void ModuloByZero()
        {
            int buckets = int.Parse("0");
            Console.WriteLine(17 % buckets);
        }

        static void FormatInt()
        {
            Console.WriteLine(int.Parse("12a"));
        }

        static void FormatGuid()
        {
            Console.WriteLine(Guid.Parse("not-a-guid"));
        }

        static void InvalidCastUnbox()
        {
            object boxed = "42";
            Console.WriteLine((int)boxed);
        }

        static void InvalidCastClass()
        {
            object customer = new Customer();
            Console.WriteLine(((string)customer).Length);
        }

        static void CollectionModifiedList()
        {
            var items = new List<int> { 1, 2, 3 };
            foreach (var item in items)
                if (item == 2) items.Remove(item);
        }

        static void CollectionModifiedDictionary()
        {
            var stock = new Dictionary<string, int> { { "a", 0 }, { "b", 1 } };
            foreach (var entry in stock)
                stock[entry.Key + "x"] = entry.Value;
        }

        static void SequenceEmptyFirst()
        {
            var open = new List<int>().Where(id => id > 0);
            Console.WriteLine(open.First());
        }

        static void SequenceEmptyMax()
        {
            var totals = new List<int>();
            Console.WriteLine(totals.Max());
        }

        static void SequenceMoreThanOne()
        {
            var ids = new List<int> { 1, 2 };
            Console.WriteLine(ids.Single());
        }

        static void FileNotFound()
        {
            Console.WriteLine(File.ReadAllText("/etc/hs-missing-config.json"));
        }

        static void DirectoryNotFound()
        {
            File.WriteAllText("/nonexistent/dir/out.txt", "x");
        }

        static void ArgumentNullLinq()
        {
            List<int> items = null;
            Console.WriteLine(items.Where(id => id > 0).Count());
        }

        static void ArgumentNullKey()
        {
            var prices = new Dictionary<string, int>();
            string key = null;
            Console.WriteLine(prices[key]);
        }

        static void OverflowChecked()
        {
            int big = int.MaxValue - int.Parse("0");
            Console.WriteLine(checked(big + 1));
        }

        static void OverflowParse()
        {
            Console.WriteLine(int.Parse("99999999999"));
        }

        static void NotImplemented()
        {
            throw new NotImplementedException();
        }

        static decimal Refund(decimal amount)
        {
            throw new NotImplementedException("refunds are not supported yet");
        }

        static void NotImplementedOther()
        {
            Console.WriteLine(Refund(5m));
        }

        static int Depth(int n)
        {
            return Depth(n + 1) + 1;
        }

        static void StackOverflow()
        {
            Console.WriteLine(Depth(0));
        }

        static int Ping(int n)
        {
            return Pong(n + 1) + 1;
        }

        static int Pong(int n)
        {
            return Ping(n + 1) + 1;
        }

        static void StackOverflowMutual()
        {
            Console.WriteLine(Ping(0));
        }

        static int ReadPort(string text)
        {
            return int.Parse(text);
        }

        static void InnerException()
        {
            try
            {
                ReadPort("eighty");
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException("config is invalid", ex);
            }
        }

        static void LoggedException()
        {
            try
            {
                var prices = new Dictionary<string, decimal>();
                Console.WriteLine(prices["shipping"]);
            }
            catch (Exception ex)
            {
                // How applications usually log: the exception's ToString() on stderr, then exit non-zero.
                Console.Error.WriteLine(ex);
                Environment.Exit(1);
            }
        }

        public static int Main(string[] args)
        {
            if (args.Length == 0)
            {
                foreach (var name in All.Keys) Console.WriteLine(name);
                return 0;
            }
            All[args[0]]();
            return 0;
        }
    }
}
