//! A Rust file parsed with syn, and the byte spans of its syntax nodes.
//!
//! proc-macro2 (with `span-locations`, outside a procedural macro) knows each token's byte
//! range in the text it parsed, so spans need no line/column arithmetic. It keeps every
//! parsed text in a thread-local source map that only grows; [`with_spans`] empties it
//! once an extraction no longer holds syntax trees.

use std::cell::Cell;

use proc_macro2::Span as PmSpan;
use sg_model::finding::builtin::UNPARSED_STATEMENT;
use sg_model::{FileId, Finding, Span};
use syn::spanned::Spanned;

/// One parsed Rust file.
pub(crate) struct Source<'a> {
    pub(crate) file: FileId,
    pub(crate) text: &'a str,
    /// Bytes cut from the front before parsing: a byte-order mark, a `#!` line. syn's own
    /// `parse_file` cuts them too but does not say how many, and spans must count them.
    base: usize,
}

impl<'a> Source<'a> {
    /// Parses `text`; a file syn rejects yields a finding located at the error.
    pub(crate) fn parse(file: FileId, text: &'a str) -> Result<(Source<'a>, syn::File), Box<Finding>> {
        let mut base = 0;
        if text.starts_with('\u{feff}') {
            base = '\u{feff}'.len_utf8();
        }
        let rest = &text[base..];
        // `#![attr]` is an inner attribute, not a shebang.
        if rest.starts_with("#!") && !rest[2..].trim_start().starts_with('[') {
            base += rest.find('\n').unwrap_or(rest.len());
        }
        let source = Source { file, text, base };
        match syn::parse_str::<syn::File>(&text[base..]) {
            Ok(ast) => Ok((source, ast)),
            Err(err) => {
                let at = source.span(err.span());
                // An error at the end of the input has no token to point at.
                let at = if at.is_empty() && at.start == 0 && base < text.len() {
                    Span::new(file, text.len(), text.len())
                } else {
                    at
                };
                Err(Box::new(
                    Finding::new(
                        UNPARSED_STATEMENT,
                        at,
                        format!("This Rust file could not be parsed ({err}); the migrations it holds were not read"),
                    )
                    .with_help(
                        "schemagraph reads Rust sources with syn; fix the syntax error, or check that the file is Rust",
                    ),
                ))
            }
        }
    }

    /// The byte span of a proc-macro2 span, in the file.
    pub(crate) fn span(&self, span: PmSpan) -> Span {
        let range = span.byte_range();
        let end = (self.base + range.end).min(self.text.len());
        let start = (self.base + range.start).min(end);
        Span::new(self.file, start, end)
    }

    /// Where a parse error inside `within` (a macro's body) is: its token, or the whole of
    /// `within` when the error is at the end of the input and has no token.
    pub(crate) fn error_span(&self, err: &syn::Error, within: Span) -> Span {
        let at = self.span(err.span());
        if at.is_empty() && !within.range().contains(&(at.start as usize)) { within } else { at }
    }

    /// The span of a whole syntax node.
    pub(crate) fn span_of<T: Spanned + ?Sized>(&self, node: &T) -> Span {
        self.span(node.span())
    }

    /// The span from the start of `first` to the end of `last`.
    pub(crate) fn cover(&self, first: PmSpan, last: PmSpan) -> Span {
        self.span(first).cover(self.span(last))
    }

    /// The source text of a span (empty when it is out of range).
    pub(crate) fn text_of(&self, span: Span) -> &'a str {
        self.text.get(span.range()).unwrap_or("")
    }
}

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Runs an extraction and, when it is the outermost one on this thread, frees the spans
/// proc-macro2 recorded for the texts it parsed. `f` must return no syntax tree: its spans
/// would be dangling.
pub(crate) fn with_spans<R>(f: impl FnOnce() -> R) -> R {
    DEPTH.with(|d| d.set(d.get() + 1));
    let result = f();
    let outermost = DEPTH.with(|d| {
        d.set(d.get() - 1);
        d.get() == 0
    });
    if outermost {
        proc_macro2::extra::invalidate_current_thread_spans();
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_byte_offsets_even_after_non_ascii_text() {
        // 'é' and '€' take 2 and 3 bytes: a character count would be off by 3.
        let text = "// café €\nfn f() { let x = \"ab\"; }\n";
        with_spans(|| {
            let (src, ast) = Source::parse(FileId(1), text).unwrap();
            let syn::Item::Fn(f) = &ast.items[0] else { panic!("a fn") };
            let span = src.span_of(&f.sig.ident);
            assert_eq!(src.text_of(span), "f");
            let syn::Stmt::Local(local) = &f.block.stmts[0] else { panic!("a let") };
            let init = local.init.as_ref().unwrap();
            assert_eq!(src.text_of(src.span_of(&*init.expr)), "\"ab\"");
            // The same position as a line index gives for line 2, column 18 (characters).
            let index = sg_model::LineIndex::new(text);
            assert_eq!(src.span_of(&*init.expr).start as usize, index.offset(text, 2, 18));
        });
    }

    #[test]
    fn byte_order_mark_and_shebang_are_counted() {
        let text = "\u{feff}#!/usr/bin/env run\nfn g() {}\n";
        with_spans(|| {
            let (src, ast) = Source::parse(FileId(0), text).unwrap();
            let syn::Item::Fn(f) = &ast.items[0] else { panic!("a fn") };
            assert_eq!(src.text_of(src.span_of(&f.sig.ident)), "g");
        });
    }

    #[test]
    fn a_syntax_error_is_located() {
        let text = "fn f() {\n    let x = ;\n}\n";
        let err = with_spans(|| Source::parse(FileId(0), text).err().unwrap());
        assert_eq!(err.rule, UNPARSED_STATEMENT);
        assert_eq!(&text[err.span.range()], ";");
    }
}
