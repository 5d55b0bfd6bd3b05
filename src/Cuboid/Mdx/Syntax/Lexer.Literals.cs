using System.Text;

namespace Cuboid.Mdx.Syntax;

// Literals and quoted names: the parts of the lexer that unescape doubled delimiters.
internal sealed partial class Lexer
{
    private Token Number(int start)
    {
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        if (PeekChar(0) == '.' && char.IsAsciiDigit(PeekChar(1)))
        {
            _pos++;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        }
        if (PeekChar(0) is 'e' or 'E')
        {
            var exponent = _pos + 1;
            if (exponent < _text.Length && _text[exponent] is '+' or '-') exponent++;
            var digits = exponent;
            while (digits < _text.Length && char.IsAsciiDigit(_text[digits])) digits++;
            if (digits == exponent)
            {
                // "1e" or "1e+": consume the word so the error names the whole thing.
                _pos = exponent;
                while (_pos < _text.Length && IsWordPart(_text[_pos])) _pos++;
                var bad = Span(start, _pos);
                _diagnostics.Add(MdxDiagnostics.InvalidNumber(_source, bad));
                return new Token(TokenKind.Bad, bad, _text[start.._pos]);
            }
            _pos = digits;
        }
        return new Token(TokenKind.Number, Span(start, _pos), _text[start.._pos]);
    }

    /// <summary><c>[name]</c> (or the bracket part of <c>&amp;[key]</c>) where <c>]]</c> stands for one <c>]</c>.</summary>
    private Token Bracketed(int tokenStart, int bracket, TokenKind kind)
    {
        var contentStart = bracket + 1;
        var close = _text.IndexOf(']', contentStart);
        // Fast path: no escaped bracket.
        if (close >= 0 && (close + 1 >= _text.Length || _text[close + 1] != ']'))
        {
            _pos = close + 1;
            return new Token(kind, Span(tokenStart, _pos), _text[contentStart..close]);
        }
        var builder = new StringBuilder();
        var i = contentStart;
        while (true)
        {
            if (close < 0)
            {
                _pos = _text.Length;
                var span = Span(tokenStart, _pos);
                _diagnostics.Add(MdxDiagnostics.UnterminatedBracketedIdentifier(_source, span));
                return new Token(TokenKind.Bad, span, builder.Append(_text, i, _text.Length - i).ToString());
            }
            builder.Append(_text, i, close - i);
            if (close + 1 < _text.Length && _text[close + 1] == ']')
            {
                builder.Append(']');
                i = close + 2;
                close = _text.IndexOf(']', i);
                continue;
            }
            _pos = close + 1;
            return new Token(kind, Span(tokenStart, _pos), builder.ToString());
        }
    }

    private Token Key(int start)
    {
        var next = PeekChar(1);
        if (next == '[') return Bracketed(start, start + 1, TokenKind.BracketedKey);
        if (IsWordPart(next))
        {
            _pos++;
            while (_pos < _text.Length && IsWordPart(_text[_pos])) _pos++;
            return new Token(TokenKind.PlainKey, Span(start, _pos), _text[(start + 1).._pos]);
        }
        _pos++;
        var span = Span(start, _pos);
        _diagnostics.Add(MdxDiagnostics.InvalidKey(_source, span));
        return new Token(TokenKind.Bad, span, "&");
    }

    /// <summary>A string in single or double quotes; the quote character doubled stands for itself.</summary>
    private Token StringLiteral(int start, char quote)
    {
        StringBuilder? builder = null;
        var i = start + 1;
        while (true)
        {
            var close = _text.IndexOf(quote, i);
            if (close < 0)
            {
                _pos = _text.Length;
                var span = Span(start, _pos);
                _diagnostics.Add(MdxDiagnostics.UnterminatedString(_source, span));
                var rest = _text[i..];
                return new Token(TokenKind.Bad, span, builder is null ? rest : builder.Append(rest).ToString());
            }
            if (close + 1 < _text.Length && _text[close + 1] == quote)
            {
                (builder ??= new StringBuilder()).Append(_text, i, close + 1 - i);
                i = close + 2;
                continue;
            }
            _pos = close + 1;
            var value = builder is null ? _text[i..close] : builder.Append(_text, i, close - i).ToString();
            return new Token(TokenKind.String, Span(start, _pos), value, Keyword.None, quote == '\'');
        }
    }
}
