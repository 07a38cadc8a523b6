//! Collects every error found in one derive input, so that a build shows them all at once.

use std::cell::{Cell, RefCell};
use std::fmt::Display;

use quote::ToTokens;

#[derive(Default)]
pub struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
    attr_failed: Cell<bool>,
}

impl Ctxt {
    /// Records an error spanned at `tokens`.
    pub fn error(&self, tokens: impl ToTokens, message: impl Display) {
        self.syn_error(syn::Error::new_spanned(tokens, message));
    }

    /// Records an error spanned at `span`.
    pub fn error_at(&self, span: proc_macro2::Span, message: impl Display) {
        self.syn_error(syn::Error::new(span, message));
    }

    /// Records an attribute that could not be read; rules that depend on what it might have
    /// said (a missing namespace, a missing key) are then not checked.
    pub fn attr_error(&self, err: syn::Error) {
        self.attr_failed.set(true);
        self.syn_error(err);
    }

    pub fn attr_failed(&self) -> bool {
        self.attr_failed.get()
    }

    pub fn syn_error(&self, err: syn::Error) {
        self.errors.borrow_mut().push(err);
    }

    /// All errors combined into one, if there were any.
    pub fn check(self) -> Result<(), syn::Error> {
        let mut errors = self.errors.into_inner().into_iter();
        let Some(mut first) = errors.next() else {
            return Ok(());
        };
        for err in errors {
            first.combine(err);
        }
        Err(first)
    }
}
