using System.Globalization;
using Cuboid.Results;
using Xunit;

namespace Cuboid.Tests.Results;

public class FormatStringTests
{
    /// <summary>Checks a value written as decimal text both as a double and as a decimal.</summary>
    private static void CheckNumber(string? text, string? format, string expected)
    {
        if (text is null)
        {
            Assert.Equal(expected, FormatString.Format(null, format));
            return;
        }

        double d = double.Parse(text, CultureInfo.InvariantCulture);
        decimal m = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(expected, FormatString.Format(d, format));
        Assert.Equal(expected, FormatString.Format(m, format));
        Assert.Equal(expected, FormatString.Compile(format).Format(d));
        if (m == decimal.Truncate(m) && Math.Abs(m) < long.MaxValue)
        {
            Assert.Equal(expected, FormatString.Format((long)m, format));
        }
    }

    // ---- FoodMart conformance: values Mondrian printed for the schema's measure formats ----

    [Theory]
    [InlineData(266773.0, "Standard", "266,773")]
    [InlineData(-131558.0, "Standard", "-131,558")]
    [InlineData(33036.0, "Standard", "33,036")]
    [InlineData(565238.13, "#,###.00", "565,238.13")]
    [InlineData(-565238.13, "#,###.00", "-565,238.13")]
    [InlineData(188412.7125, "#,###.00", "188,412.71")]
    [InlineData(263793.22, "#,###.00", "263,793.22")]
    [InlineData(86837.0, "#,###", "86,837")]
    [InlineData(339610.9, "$#,##0.00", "$339,610.90")]
    [InlineData(0.4405, "#.00%", "44.05%")]
    [InlineData(0.1379, "#.00%", "13.79%")]
    [InlineData(0.12, "0.0%", "12.0%")]
    [InlineData(266773.0, "\\<b\\>#.00\\<\\/b\\>", "<b>266773.00</b>")]
    [InlineData(21333.0, "\\<i\\>#.00\\<\\/i\\>", "<i>21333.00</i>")]
    [InlineData(97.0, "#.00 good", "97.00 good")]
    [InlineData(75.0, "#.00 bad", "75.00 bad")]
    [InlineData(409035.59, "AAA######.00", "AAA409035.59")]
    [InlineData(48836.21, "BBB###.00", "BBB48836.21")]
    [InlineData(23.0, "|<|arrow=\"up\"", "|23|arrow=up")]
    [InlineData(0.5, "0.0", "0.5")]
    [InlineData(0.125, "|0.0|style=red", "|0.1|style=red")]
    [InlineData(0.25, "|0.0|style=red", "|0.3|style=red")]
    [InlineData(533546.0, "|#,##0|style=red", "|533,546|style=red")]
    [InlineData(29358.98, "|$#,##0.00|style=green", "|$29,358.98|style=green")]
    [InlineData(245764.87, "|$#,##0.00|style=green", "|$245,764.87|style=green")]
    [InlineData(2.5, null, "2.5")]
    [InlineData(-10.0, null, "-10")]
    [InlineData(135215.0, null, "135,215")]
    public void FoodMartConformance(double value, string? format, string expected) =>
        Assert.Equal(expected, FormatString.Format(value, format));

    [Fact]
    public void FoodMartInfinityAndNulls()
    {
        Assert.Equal("Infinity", FormatString.Format(double.PositiveInfinity, "0.0"));
        Assert.Equal("d", FormatString.Format(null, "a;b;c;d"));
        Assert.Equal("", FormatString.Format(null, "Standard"));
        Assert.Equal("", FormatString.Format(null, "#,###.00"));
        Assert.Equal("|23|arrow=up", FormatString.Format("23", "|<|arrow=\"up\""));
        Assert.Equal("|foo bar|arrow=up", FormatString.Format("Foo Bar", "|<|arrow=\"up\""));
        Assert.Equal("Store Sales", FormatString.Format("Store Sales", "#,###.00"));
    }

    // ---- Mondrian FormatTest.checkNumbersInLocale: +6, -6, 0, .6, null ----

    [Theory]
    [InlineData("", "6", "-6", "0", "0.6", "")]
    [InlineData("0", "6", "-6", "0", "1", "")]
    [InlineData("0.00", "6.00", "-6.00", "0.00", "0.60", "")]
    [InlineData("#,##0", "6", "-6", "0", "1", "")]
    [InlineData("#,##0.00;;;N", "6.00", "-6.00", "0.00", "0.60", "N")]
    [InlineData("$#,##0;($#,##0)", "$6", "($6)", "$0", "$1", "")]
    [InlineData("$#,##0.00;($#,##0.00)", "$6.00", "($6.00)", "$0.00", "$0.60", "")]
    [InlineData("0%", "600%", "-600%", "0%", "60%", "")]
    [InlineData("0.00%", "600.00%", "-600.00%", "0.00%", "60.00%", "")]
    [InlineData("0.00E+00", "6.00E+00", "-6.00E+00", "0.00E+00", "6.00E-01", "")]
    [InlineData("0.00E-00", "6.00E00", "-6.00E00", "0.00E00", "6.00E-01", "")]
    [InlineData("$#,##0;;\\Z\\e\\r\\o", "$6", "-$6", "Zero", "$1", "")]
    [InlineData("#,##0.0 USD", "6.0 USD", "-6.0 USD", "0.0 USD", "0.6 USD", "")]
    [InlineData("General Number", "6", "-6", "0", "0.6", "")]
    [InlineData("General", "6", "-6", "0", "0.6", "")]
    [InlineData("Currency", "$6.00", "($6.00)", "$0.00", "$0.60", "")]
    [InlineData("Fixed", "6", "-6", "0", "1", "")]
    [InlineData("Standard", "6", "-6", "0", "1", "")]
    [InlineData("Percent", "600.00%", "-600.00%", "0.00%", "60.00%", "")]
    [InlineData("Scientific", "6.00e+00", "-6.00e+00", "0.00e+00", "6.00e-01", "")]
    [InlineData("True/False", "True", "True", "False", "True", "False")]
    [InlineData("On/Off", "On", "On", "Off", "On", "Off")]
    [InlineData("Yes/No", "Yes", "Yes", "No", "Yes", "No")]
    public void MondrianNumbers(string format, string pos, string neg, string zero, string point6, string nul)
    {
        CheckNumber("6", format, pos);
        CheckNumber("-6", format, neg);
        CheckNumber("0", format, zero);
        CheckNumber(".6", format, point6);
        CheckNumber(null, format, nul);
    }

    [Theory]
    [InlineData("40.385", "##0.0#", "40.39")]
    [InlineData("40.386", "##0.0#", "40.39")]
    [InlineData("40.384", "##0.0#", "40.38")]
    [InlineData("40.385", "##0.#", "40.4")]
    [InlineData("40.38", "##0.0#", "40.38")]
    [InlineData("-40.38", "##0.0#", "-40.38")]
    [InlineData("0.040385", "#0.###", "0.04")]
    [InlineData("0.040385", "#0.000", "0.040")]
    [InlineData("0.040385", "#0.####", "0.0404")]
    [InlineData("0.040385", "00.####", "00.0404")]
    [InlineData("0.040385", ".00#", ".04")]
    [InlineData("0.040785", ".00#", ".041")]
    [InlineData("99.9999", "##.####", "99.9999")]
    [InlineData("99.9999", "##", "100")]
    [InlineData("99.9999", "##.#", "100.")]
    [InlineData("99.9999", "##.###", "100.")]
    [InlineData("99.9999", "##.00#", "100.00")]
    [InlineData(".00099", "#.00", ".00")]
    [InlineData(".00099", "#.00#", ".001")]
    [InlineData("12.34", "#.000##", "12.340")]
    [InlineData("1234567.89", "Standard", "1,234,568")]
    [InlineData("0", "$#,##0;;\\Z\\e\\r\\o", "Zero")]
    [InlineData("23", "#.#", "23.")]
    [InlineData("0", "#.#", ".")]
    [InlineData("1", "$\\;#;(\\;#);\\;\\Z", "$;1")]
    [InlineData("-1", "$\\;#;(\\;#);\\;\\Z", "(;1)")]
    [InlineData("0", "$\\;#;(\\;#);\\;\\Z", ";Z")]
    [InlineData(null, "$\\;#;(\\;#);\\;\\Z", "")]
    [InlineData("0.0000019999999999999995", "#.#######", ".000002")]
    [InlineData("0.000004699999999999999", "#.#######", ".0000047")]
    public void MondrianTrickyNumbers(string? value, string format, string expected) =>
        CheckNumber(value, format, expected);

    [Theory]
    [InlineData("-0.006", "#.0", ".0")]
    [InlineData("-0.006", "#.00", "-.01")]
    [InlineData("-0.0500001", "#.0", "-.1")]
    [InlineData("-0.0499999", "#.0", ".0")]
    [InlineData("-0.00006", "#.0%", ".0%")]
    [InlineData("-0.0006", "#.0%", "-.1%")]
    [InlineData("-0.0004", "#.0%", ".0%")]
    [InlineData("-0.0005", "#.0%", "-.1%")]
    [InlineData("-0.0005000001", "#.0%", "-.1%")]
    [InlineData("-0.00006", "#.00%", "-.01%")]
    [InlineData("-0.00004", "#.00%", ".00%")]
    [InlineData("-0.00006", "00000.00%", "-00000.01%")]
    [InlineData("-0.00004", "00000.00%", "00000.00%")]
    public void SmallNegativeNumbersLoseTheirSign(string value, string format, string expected) =>
        CheckNumber(value, format, expected);

    [Theory]
    [InlineData("-0.001", "0.##;(0.##);Nil", "Nil")]
    [InlineData("-0.01", "0.##;(0.##);Nil", "(0.01)")]
    [InlineData("-0.01", "0.##;(0.#);Nil", "Nil")]
    [InlineData("0.00001", "#.##;(#.##)", ".")]
    [InlineData("0.001", "0.##;(0.##)", "0.")]
    [InlineData("-0.001", "0.##;(0.##)", "0.")]
    [InlineData("0", "\\P\\o\\s", "Pos")]
    [InlineData("0", "\\P\\o\\s;\\N\\e\\g", "Pos")]
    [InlineData("0", "\\P\\o\\s;\\N\\e\\g;\\Z\\e\\r\\o", "Zero")]
    [InlineData("0", "\\P\\o\\s;\\N\\e\\g;\\Z\\e\\r\\o;\\N\\u\\l\\l", "Zero")]
    [InlineData("-0.00001", "\\P\\o\\s", "-Pos")]
    [InlineData("-0.00001", "\\P\\o\\s;\\N\\e\\g", "Neg")]
    [InlineData("-0.00001", "\\P\\o\\s;\\N\\e\\g;\\Z\\e\\r\\o", "Neg")]
    [InlineData("-0.00001", "\\P\\o\\s;\\N\\e\\g;\\Z\\e\\r\\o;\\N\\u\\l\\l", "Neg")]
    [InlineData("-0.001", "\\P\\o\\s;\\N\\e\\g", "Neg")]
    [InlineData("-0.001", "#.#;(#.#);\\Z\\e\\r\\o", "Zero")]
    [InlineData("-0.001", "\\P\\o\\s;\\N\\e\\g;\\Z\\e\\r\\o", "Neg")]
    [InlineData("-0.01", "0.##;(0.#)", "-0.01")]
    [InlineData("0.001", "0.##;(0.##);Nil", "0.")]
    public void SectionsAndNil(string value, string format, string expected) =>
        CheckNumber(value, format, expected);

    [Theory]
    [InlineData("\\P\\o\\s", "")]
    [InlineData("\\P\\o\\s;\\N\\e\\g", "")]
    [InlineData("\\P\\o\\s;\\N\\e\\g;\\Z\\e\\r\\o", "")]
    [InlineData("\\P\\o\\s;\\N\\e\\g;\\Z\\e\\r\\o;\\N\\u\\l\\l", "Null")]
    [InlineData("\\P\\o\\s;;;\\N\\u\\l\\l", "Null")]
    [InlineData("\\P\\o\\s;;;", "")]
    [InlineData("#;#;#;0.0", "0.0")]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("DOUBLE[#,###.00]", "")]
    public void NullUsesTheFourthSection(string? format, string expected) =>
        Assert.Equal(expected, FormatString.Format(null, format));

    [Theory]
    [InlineData("#0.000", "0.000")]
    [InlineData("#0", "0")]
    [InlineData("#0.0", "0.0")]
    [InlineData("\\P\\o\\s;\\N\\e\\g;\\Z\\e\\r\\o", "Zero")]
    public void NegativeZeroIsZero(string format, string expected) =>
        Assert.Equal(expected, FormatString.Format(-0.0, format));

    [Theory]
    [InlineData(0.0364, "|#.00%|style='green'", "|3.64%|style='green'")]
    [InlineData(-0.0364, "|#.00%|style='red'", "|-3.64%|style='red'")]
    [InlineData(-364.0, "|#.00|style=red", "|-364.00|style=red")]
    [InlineData(364.0, "|#.00|style='green';|-#.000|style='red'", "|364.00|style='green'")]
    [InlineData(-364.0, "|#.00|style='green';|-#.000|style='red'", "|-364.000|style='red'")]
    [InlineData(-364.0, "|#.00|style='deep red'", "|-364.00|style='deep red'")]
    [InlineData(-0.0364, "#.00%", "-3.64%")]
    [InlineData(0.0364, "#.00%", "3.64%")]
    public void PipeStylesKeepTheSignInside(double value, string format, string expected)
    {
        Assert.Equal(expected, FormatString.Format(value, format));
        if (value == Math.Truncate(value))
        {
            Assert.Equal(expected, FormatString.Format((int)value, format));
        }
    }

    [Theory]
    [InlineData("0.50", "0", "1")]
    [InlineData("-1.5", "0", "-2")]
    [InlineData("-0.50", "0", "-1")]
    [InlineData("-0.99999999", "0.0", "-1.0")]
    [InlineData("-0.45", "#.0", "-.5")]
    [InlineData("-0.45", "0", "0")]
    [InlineData("-0.49999", "0", "0")]
    [InlineData("-0.49999", "0.0", "-0.5")]
    [InlineData("0.49999", "0", "0")]
    [InlineData("0.49999", "#.0", ".5")]
    [InlineData("2.675", "0.00", "2.68")]
    [InlineData("1.005", "0.00", "1.01")]
    [InlineData("0.125", "0.00", "0.13")]
    [InlineData("2.5", "0", "3")]
    [InlineData("-2.5", "0", "-3")]
    [InlineData("9.995", "#,##0.00", "10.00")]
    [InlineData("999999.5", "#,##0", "1,000,000")]
    public void RoundsHalfAwayFromZeroOnShortestDigits(string value, string format, string expected) =>
        CheckNumber(value, format, expected);

    [Theory]
    [InlineData("109146240.292", "0000000000000", "0000109146240")]
    [InlineData("0.123", "0000000000000", "0000000000000")]
    [InlineData("1.1", "0000000000000", "0000000000001")]
    [InlineData("-1.1", "0000000000000", "-0000000000001")]
    [InlineData("0.1", "0000000000000", "0000000000000")]
    [InlineData("-0.1", "0000000000000", "0000000000000")]
    [InlineData("100000000.1", "0000000000000", "0000100000000")]
    [InlineData("-100000000.1", "0000000000000", "-0000100000000")]
    [InlineData("100000001.1", "0000000000000", "0000100000001")]
    [InlineData("100000000.5", "0000000000000", "0000100000001")]
    public void LeadingZeroes(string value, string format, string expected) =>
        CheckNumber(value, format, expected);

    [Theory]
    [InlineData("123456.7", "######.00", "123456.70")]
    [InlineData("123456", "######", "123456")]
    [InlineData("123456.7", "#,##,###.00", "1,23,456.70")]
    [InlineData("123456.7", "#,##,###", "1,23,457")]
    [InlineData("9123456.7", "#,#.00", "9,123,456.70")]
    [InlineData("123456.7", "#,#", "123,457")]
    [InlineData("123456789.1", "#,#", "123,456,789")]
    [InlineData("123456.7", "##################,#", "123,457")]
    [InlineData("123456.7", "#################,#", "123,457")]
    [InlineData("123456.7", "###,################", "123,457")]
    [InlineData("0.02", "#,###.000", ".020")]
    [InlineData("0.02", "#,##0.000", "0.020")]
    [InlineData("123456789123", "#,##,#,##,#,##,#,##", "1,23,4,56,7,89,1,23")]
    [InlineData("123456", "#,###;(#,###)", "123,456")]
    [InlineData("123456", "\\$ #,###;(\\$ #,###) ", "$ 123,456")]
    [InlineData("1234567890", "#,#", "1,234,567,890")]
    [InlineData("1234567890", "#,##0,,", "1,235")]
    [InlineData("1234567890", "#,,", "1235")]
    [InlineData("1234567890", "#,,;(#)", "1235")]
    [InlineData("1234567890", "#,,,", "1")]
    [InlineData("1234567890", "#,##0,.0", "1,234,567.9")]
    [InlineData("1234567890", "#,##0,,.0", "1,234.6")]
    [InlineData("1234567890", "0,", "1,234,568")]
    [InlineData("0", "#,###", "")]
    [InlineData("0", "#,###.00", ".00")]
    [InlineData("0", "#,##0", "0")]
    [InlineData("1000000", "000,000", "1,000,000")]
    [InlineData("5", "000,000", "000,005")]
    [InlineData("100000000000000000000", "#,##0", "100,000,000,000,000,000,000")]
    public void Thousands(string value, string format, string expected) =>
        CheckNumber(value, format, expected);

    [Theory]
    [InlineData("#")]
    [InlineData("#.#")]
    [InlineData("#,###.0")]
    public void Infinity(string format)
    {
        Assert.Equal("Infinity", FormatString.Format(double.PositiveInfinity, format));
        Assert.Equal("-Infinity", FormatString.Format(double.NegativeInfinity, format));
        Assert.Equal("NaN", FormatString.Format(double.NaN, format));
    }

    [Fact]
    public void SpecialValuesKeepTheSectionLiterals()
    {
        Assert.Equal("$Infinity", FormatString.Format(double.PositiveInfinity, "$#,##0.00"));
        Assert.Equal("(Infinity)", FormatString.Format(double.NegativeInfinity, "#,##0;(#,##0)"));
        Assert.Equal("NaN%", FormatString.Format(double.NaN, "0.0%"));
        Assert.Equal("NaN", FormatString.Format(double.NaN, null));
        Assert.Equal("Infinity", FormatString.Format(double.PositiveInfinity, null));
        Assert.Equal("-Infinity", FormatString.Format(double.NegativeInfinity, "Standard"));
        Assert.Equal("Yes", FormatString.Format(double.NaN, "Yes/No"));
        Assert.Equal("Infinity", FormatString.Format(float.PositiveInfinity, "0.00"));
    }

    [Theory]
    [InlineData(12345.0, "0.00E+00", "1.23E+04")]
    [InlineData(9.999, "0.00E+00", "1.00E+01")]
    [InlineData(-0.00012, "0.00E+00", "-1.20E-04")]
    [InlineData(-0.00012, "0.00E+00;(0.00E+00)", "(1.20E-04)")]
    [InlineData(0.00012, "0.0E-0", "1.2E-4")]
    [InlineData(1.5e300, "0.0E+000", "1.5E+300")]
    [InlineData(123.45, "#E+0", "1E+2")]
    [InlineData(123.45, "E+", "1E+2")]
    [InlineData(123.45, "00.0E+00", "12.3E+01")]
    [InlineData(6.0, "Scientific", "6.00e+00")]
    [InlineData(0.000123, "Scientific", "1.23e-04")]
    public void Scientific(double value, string format, string expected) =>
        Assert.Equal(expected, FormatString.Format(value, format));

    [Theory]
    [InlineData(1234.0, "#,##0 \"units\"", "1,234 units")]
    [InlineData(12.0, "#,##0\\%", "12%")]
    [InlineData(12.0, "0\"%\"", "12%")]
    [InlineData(12.0, "\"#\"0", "#12")]
    [InlineData(12.0, "0\\", "12")]
    [InlineData(12.0, "0 \"open", "12 open")]
    [InlineData(12.0, "0 'x'", "12 'x'")]
    [InlineData(-12.0, "(0)", "-(12)")]
    [InlineData(-12.0, "0;0-", "12-")]
    [InlineData(1.5, "0.0 ¤", "1.5 $")]
    [InlineData(3141592.654, "#.##0-00", "3141592.654-3141592.654")]
    [InlineData(0.5, "0.0%;-0.0%", "50.0%")]
    [InlineData(-0.5, "0.0%;-0.0%", "-50.0%")]
    [InlineData(-0.5, "0.0%;(0.0%)", "(50.0%)")]
    [InlineData(0.123456, "0.0000%", "12.3456%")]
    [InlineData(0.5, "0%%", "5000%%")]
    public void LiteralsAndEscapes(double value, string format, string expected) =>
        Assert.Equal(expected, FormatString.Format(value, format));

    // ---- String formats and non-numeric values ----

    [Theory]
    [InlineData("This Is A Test", ">", "THIS IS A TEST")]
    [InlineData("This Is A Test", "<", "this is a test")]
    [InlineData("hello", "\\f\\i\\x\\e\\d", "hello")]
    [InlineData("hello", ">\\f\\i\\x\\e\\d<", "HELLOfixedhello")]
    [InlineData("Foo Bar", ">", "FOO BAR")]
    [InlineData("Foo Bar", "<", "foo bar")]
    [InlineData("Foo Bar", "@", "Foo Bar")]
    [InlineData("Foo Bar", "<@", "foo bar@")]
    [InlineData("Foo Bar", "<>", "foo barFOO BAR")]
    [InlineData("Foo Bar", "E", "Foo Bar")]
    [InlineData("Foo Bar", "\"fixed\"", "Foo Bar")]
    [InlineData("Foo Bar", "$#", "Foo Bar")]
    [InlineData("Foo Bar", "$#,#.#", "Foo Bar")]
    [InlineData("foo Bar", "#,#", "foo Bar")]
    [InlineData("foo Bar", "#,#;[#]", "foo Bar")]
    [InlineData("foo Bar", "#,#;[#];NULL", "foo Bar")]
    [InlineData("foo Bar", "#,#;[#];NULL;NIL", "foo Bar")]
    [InlineData("foo Bar", "Standard", "foo Bar")]
    [InlineData("foo Bar", null, "foo Bar")]
    [InlineData("foo Bar", "DOUBLE[#,###.00]", "foo Bar")]
    [InlineData("", "#,##0", "")]
    public void Strings(string value, string? format, string expected) =>
        Assert.Equal(expected, FormatString.Format(value, format));

    [Theory]
    [InlineData("123.45", ">", "123.45")]
    [InlineData("123", "<", "123")]
    [InlineData("123.45", "@", "@")]
    [InlineData("123", "@", "@")]
    [InlineData("123.45", "E", "E")]
    [InlineData("123.45", "<E", "123.45E")]
    [InlineData("123450000", "<", "123,450,000")]
    [InlineData("-123450000", ">", "-123,450,000")]
    [InlineData("0.12345", "<", "0.123")]
    public void NumbersWithStringFormats(string value, string format, string expected) =>
        CheckNumber(value, format, expected);

    [Fact]
    public void DatesPrintAsIsoUnlessTheFormatIsADateFormat()
    {
        var date = new DateOnly(2024, 3, 5);
        var dateTime = new DateTime(2024, 3, 5, 14, 7, 9);
        Assert.Equal("2024-03-05", FormatString.Format(date, "#,##0"));
        Assert.Equal("2024-03-05", FormatString.Format(date, null));
        Assert.Equal("2024-03-05T14:07:09", FormatString.Format(dateTime, "Standard"));
        Assert.Equal("2024-03-05T14:07:09.25", FormatString.Format(dateTime.AddMilliseconds(250), "#.00"));
        Assert.Equal("14:07:09", FormatString.Format(new TimeOnly(14, 7, 9), "0.00"));
        Assert.Equal("2024-03-05T14:07:09+02:00", FormatString.Format(new DateTimeOffset(dateTime, TimeSpan.FromHours(2)), "0"));
        Assert.Equal("2024-03-05", FormatString.Format(date, "DOUBLE[#,###.00]"));
        Assert.Equal("|2024-03-05|", FormatString.Format(date, "|<|"));
    }

    [Fact]
    public void Booleans()
    {
        Assert.Equal("true", FormatString.Format(true, "#,##0"));
        Assert.Equal("false", FormatString.Format(false, null));
        Assert.Equal("true", FormatString.Format(true, "DOUBLE[0.00]"));
        Assert.Equal("Yes", FormatString.Format(true, "Yes/No"));
        Assert.Equal("No", FormatString.Format(false, "Yes/No"));
        Assert.Equal("True", FormatString.Format(true, "True/False"));
        Assert.Equal("False", FormatString.Format(false, "True/False"));
        Assert.Equal("On", FormatString.Format(true, "On/Off"));
        Assert.Equal("Off", FormatString.Format(false, "on/off"));
        Assert.Equal("No", FormatString.Format(null, "Yes/No"));
        Assert.Equal("Yes", FormatString.Format(-1, "Yes/No"));
        Assert.Equal("No", FormatString.Format(0.0, "Yes/No"));
    }

    // ---- The general format: Mondrian's "" is Java's "#,##0.###", half-even on the binary value ----

    [Theory]
    [InlineData(2.5, "2.5")]
    [InlineData(0.6, "0.6")]
    [InlineData(-6.0, "-6")]
    [InlineData(0.0, "0")]
    [InlineData(1234567.891, "1,234,567.891")]
    [InlineData(1234.5678, "1,234.568")]
    [InlineData(1.0 / 3, "0.333")]
    [InlineData(2.0 / 3, "0.667")]
    [InlineData(0.0005, "0.001")]
    [InlineData(0.0625, "0.062")]
    [InlineData(0.1875, "0.188")]
    [InlineData(1.0005, "1")]
    [InlineData(-0.0001, "-0")]
    [InlineData(1e20, "100,000,000,000,000,000,000")]
    [InlineData(1.5e-10, "0")]
    [InlineData(999.9996, "1,000")]
    public void GeneralFormat(double value, string expected)
    {
        Assert.Equal(expected, FormatString.Format(value, null));
        Assert.Equal(expected, FormatString.Format(value, ""));
        Assert.Equal(expected, FormatString.Format(value, "General Number"));
    }

    [Fact]
    public void GeneralFormatOfOtherNumericTypes()
    {
        Assert.Equal("9,223,372,036,854,775,807", FormatString.Format(long.MaxValue, null));
        Assert.Equal("-9,223,372,036,854,775,808", FormatString.Format(long.MinValue, null));
        Assert.Equal("18,446,744,073,709,551,615", FormatString.Format(ulong.MaxValue, null));
        Assert.Equal("0.062", FormatString.Format(0.0625m, null));
        Assert.Equal("0.064", FormatString.Format(0.0635m, null));
        Assert.Equal("0.062", FormatString.Format(0.0625m, "DOUBLE[0.000]"));
        Assert.Equal("1", FormatString.Format(1.0005m, null));
        Assert.Equal("0.1", FormatString.Format(0.1f, null));
        Assert.Equal("42", FormatString.Format((short)42, null));
        Assert.Equal("255", FormatString.Format((byte)255, null));
        Assert.Equal("-7", FormatString.Format((sbyte)-7, null));
        Assert.Equal("65,535", FormatString.Format(ushort.MaxValue, null));
        Assert.Equal("4,294,967,295", FormatString.Format(uint.MaxValue, null));
        Assert.Equal("79,228,162,514,264,337,593,543,950,335", FormatString.Format(decimal.MaxValue, null));
    }

    [Fact]
    public void FloatsUseTheirOwnShortestDigits()
    {
        Assert.Equal("0.1000000000", FormatString.Format(0.1f, "0.0000000000"));
        Assert.Equal("0.1", FormatString.Format(0.1f, "0.##########"));
        Assert.Equal("3.14", FormatString.Format(3.14159f, "0.00"));
    }

    // ---- Atoti formatters (java.text.DecimalFormat / SimpleDateFormat) ----

    [Theory]
    [InlineData(1234.5, "DOUBLE[#,###.00]", "1,234.50")]
    [InlineData(0.0, "DOUBLE[#,###.00]", ".00")]
    [InlineData(0.5, "DOUBLE[#,###.00]", ".50")]
    [InlineData(-1234.567, "DOUBLE[#,###.00]", "-1,234.57")]
    [InlineData(0.1234, "DOUBLE[0.00%]", "12.34%")]
    [InlineData(-0.1234, "DOUBLE[0.00%]", "-12.34%")]
    [InlineData(0.5, "DOUBLE[#.##]", "0.5")]
    [InlineData(0.001, "DOUBLE[#.##]", "0")]
    [InlineData(0.0, "DOUBLE[#,###]", "0")]
    [InlineData(1234567.0, "DOUBLE[#,###]", "1,234,567")]
    [InlineData(1234567.0, "DOUBLE[#,##,###]", "1,234,567")]
    [InlineData(1234567.0, "DOUBLE[#,####]", "123,4567")]
    [InlineData(-0.001, "DOUBLE[0.00]", "-0.00")]
    [InlineData(2.675, "DOUBLE[0.00]", "2.67")]
    [InlineData(0.125, "DOUBLE[0.00]", "0.12")]
    [InlineData(0.375, "DOUBLE[0.00]", "0.38")]
    [InlineData(2.5, "DOUBLE[0]", "2")]
    [InlineData(3.5, "DOUBLE[0]", "4")]
    [InlineData(1.005, "DOUBLE[0.00]", "1.00")]
    [InlineData(-5.0, "DOUBLE[#,##0.00;(#,##0.00)]", "(5.00)")]
    [InlineData(5.0, "DOUBLE[#,##0.00;(#,##0.00)]", "5.00")]
    [InlineData(5.0, "DOUBLE[$#,##0.00]", "$5.00")]
    [InlineData(-5.0, "DOUBLE[$#,##0.00]", "-$5.00")]
    [InlineData(5.0, "DOUBLE['#'0]", "#5")]
    [InlineData(5.0, "DOUBLE[0 'o''clock']", "5 o'clock")]
    [InlineData(5.0, "DOUBLE[0.00 ¤]", "5.00 $")]
    [InlineData(0.0123, "DOUBLE[0.0‰]", "12.3‰")]
    [InlineData(12.0, "DOUBLE[#,##0.]", "12.")]
    [InlineData(12345.0, "DOUBLE[0.###E0]", "1.234E4")]
    [InlineData(12355.0, "DOUBLE[0.###E0]", "1.236E4")]
    [InlineData(0.00012, "DOUBLE[0.00E00]", "1.20E-04")]
    [InlineData(0.0, "DOUBLE[0.00E0]", "0.00E0")]
    [InlineData(12345.0, "DOUBLE[00.###E0]", "12.345E3")]
    [InlineData(1234567.0, "INT[#,###]", "1,234,567")]
    [InlineData(1234.6, "INT[#,###]", "1,235")]
    [InlineData(-1234.0, "LONG[#,###]", "-1,234")]
    [InlineData(double.NaN, "DOUBLE[#,###.00]", "NaN")]
    [InlineData(double.PositiveInfinity, "DOUBLE[#,###.00]", "Infinity")]
    [InlineData(double.NegativeInfinity, "DOUBLE[#,###.00]", "-Infinity")]
    [InlineData(double.PositiveInfinity, "DOUBLE[0.00%]", "Infinity%")]
    public void AtotiNumbers(double value, string format, string expected) =>
        Assert.Equal(expected, FormatString.Format(value, format));

    [Fact]
    public void AtotiIntegersAndDecimals()
    {
        Assert.Equal("1,234,567", FormatString.Format(1234567, "INT[#,###]"));
        Assert.Equal("0", FormatString.Format(0, "INT[#,###]"));
        Assert.Equal("-9,223,372,036,854,775,808", FormatString.Format(long.MinValue, "LONG[#,###]"));
        Assert.Equal("12%", FormatString.Format(0.12m, "DOUBLE[0%]"));
        Assert.Equal("1,200%", FormatString.Format(12L, "DOUBLE[#,##0%]"));
        Assert.Equal("0.12", FormatString.Format(0.125m, "DOUBLE[0.00]"));
        Assert.Equal("0.14", FormatString.Format(0.135m, "DOUBLE[0.00]"));
        Assert.Equal("1,234.50", FormatString.Format(1234.5m, "double[#,###.00]"));
    }

    [Fact]
    public void AtotiDates()
    {
        var dt = new DateTime(2024, 3, 5, 14, 7, 9, 45);
        Assert.Equal("2024-03-05", FormatString.Format(new DateOnly(2024, 3, 5), "DATE[yyyy-MM-dd]"));
        Assert.Equal("2024-03-05", FormatString.Format(dt, "DATE[yyyy-MM-dd]"));
        Assert.Equal("2024-03-05 14:07:09", FormatString.Format(dt, "DATE[yyyy-MM-dd HH:mm:ss]"));
        Assert.Equal("05/03/2024 14:07:09.045", FormatString.Format(dt, "DATE[dd/MM/yyyy HH:mm:ss.SSS]"));
        Assert.Equal("Tue, Mar 5, '24", FormatString.Format(dt, "DATE[EEE, MMM d, ''yy]"));
        Assert.Equal("Tuesday 5 March 2024", FormatString.Format(dt, "DATE[EEEE d MMMM yyyy]"));
        Assert.Equal("2:07 PM", FormatString.Format(dt, "DATE[h:mm a]"));
        Assert.Equal("Q1 2024", FormatString.Format(dt, "DATE['Q1' yyyy]"));
        Assert.Equal("2024-03-05T14:07:09Z", FormatString.Format(new DateTimeOffset(dt.AddMilliseconds(-45), TimeSpan.Zero), "DATE[yyyy-MM-dd'T'HH:mm:ssXXX]"));
        Assert.Equal("14:07:09+05:30", FormatString.Format(new DateTimeOffset(dt.AddMilliseconds(-45), new TimeSpan(5, 30, 0)), "DATE[HH:mm:ssXXX]"));
        Assert.Equal("14:07", FormatString.Format(new TimeOnly(14, 7), "TIME[HH:mm]"));
        Assert.Equal("2024-065", FormatString.Format(dt, "DATE[yyyy-DDD]"));
        Assert.Equal("", FormatString.Format(null, "DATE[yyyy-MM-dd]"));
        Assert.Equal("1,234.5", FormatString.Format(1234.5, "DATE[yyyy-MM-dd]"));
        Assert.Equal("n/a", FormatString.Format("n/a", "DATE[yyyy-MM-dd]"));
    }

    [Fact]
    public void Cultures()
    {
        var de = CultureInfo.GetCultureInfo("de-DE");
        Assert.Equal("1.234,50", FormatString.Format(1234.5, "#,##0.00", de));
        Assert.Equal("1.234,50 €", FormatString.Format(1234.5, "Currency", de));
        Assert.Equal("(1.234,50 €)", FormatString.Format(-1234.5, "Currency", de));
        Assert.Equal("1.234,5", FormatString.Format(1234.5, null, de));
        Assert.Equal("1.234,50", FormatString.Format(1234.5, "DOUBLE[#,###.00]", de));
        Assert.Equal("Dienstag", FormatString.Format(new DateOnly(2024, 3, 5), "DATE[EEEE]", de));
        Assert.Equal("$1,234.50", FormatString.Format(1234.5, "Currency"));
        Assert.Equal("$1,234.50", FormatString.Format(1234.5, "Currency", CultureInfo.GetCultureInfo("en-US")));
    }

    [Fact]
    public void CompiledFormatterIsReusable()
    {
        var f = FormatString.Compile("#,##0.00;(#,##0.00);\\-");
        Assert.Equal("#,##0.00;(#,##0.00);\\-", f.Text);
        Assert.Equal("1,234.50", f.Format(1234.5));
        Assert.Equal("(1,234.50)", f.Format(-1234.5));
        Assert.Equal("-", f.Format(0.0));
        Assert.Equal("1,234.50", f.Format((object)1234.5));
        Assert.Equal("12.00", f.Format(12));
        Assert.Equal("12.00", f.Format(12L));
        Assert.Equal("12.00", f.Format(12m));
        Assert.Equal("", f.Format(null));
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(FormatString.Format((double)i * 1.5, "#,##0.00;(#,##0.00);\\-"), f.Format(i * 1.5));
        }
    }

    [Theory]
    [InlineData("#,##0.00")]
    [InlineData("Standard")]
    [InlineData("$#,##0.00;($#,##0.00)")]
    [InlineData("0.0%")]
    [InlineData(null)]
    [InlineData("DOUBLE[#,###.00]")]
    [InlineData("0.00E+00")]
    public void FormattingADoubleAllocatesOnlyTheResult(string? format)
    {
        var f = FormatString.Compile(format);
        double value = -1234567.125;
        string warm = f.Format(value);
        long before = GC.GetAllocatedBytesForCurrentThread();
        string result = f.Format(value);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(warm, result);
        Assert.True(allocated <= 24 + (2 * result.Length) + 8, $"{allocated} bytes for \"{result}\"");
    }

    [Fact]
    public void LongOutputsGrowPastTheStackBuffer()
    {
        var expected = "1" + string.Concat(Enumerable.Repeat(",000", 100));
        Assert.Equal(expected, FormatString.Format(1e300, "#,##0"));
        Assert.Equal("0." + new string('0', 200), FormatString.Format(0.0, "0." + new string('0', 200)));
        Assert.Equal("x" + new string('y', 500), FormatString.Format(1.0, "\"x" + new string('y', 500) + "\""));
    }

    [Fact]
    public void ParsingIsForgiving()
    {
        Assert.Equal("12", FormatString.Format(12.0, " Standard "));
        Assert.Equal("12", FormatString.Format(12.0, "standard"));
        Assert.Equal("[12]", FormatString.Format(12.0, "[0]"));
        Assert.Equal("DOUBLE[12", FormatString.Format(12.0, "DOUBLE[0"));
        Assert.Equal("UNKNOWN[12]", FormatString.Format(12.0, "UNKNOWN[0]"));
        // '<' first makes a text format, so the 0 after it is a literal.
        Assert.Equal("120", FormatString.Format(12.0, "<0"));
        Assert.Equal("12", FormatString.Format(12.0, ";"));
        Assert.Equal("a,b", FormatString.Format(12.0, "a,b"));
    }
}
