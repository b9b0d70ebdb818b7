//! Query strings from the generated query structs, encoded in one pass.
//!
//! A field that is `None` is left out, a list repeats its key, and anything nested (an
//! object, a map) is sent as JSON text. Structs of plain values, which is what the
//! generator writes, are encoded straight into the query string, in field order; anything
//! else goes through `serde_json::Value`, with the same result.

use std::fmt::{self, Display, Write as _};

use serde::ser::{self, Impossible, Serialize, SerializeSeq, SerializeStruct, Serializer};

use super::operation::flatten_pairs;
use super::operation::Operation;
use crate::error::Error;

/// The encoded query string (without `?`) of a serializable value; empty when it has no
/// values.
pub(crate) fn encode_query<Q: Serialize + ?Sized>(
    operation: &Operation,
    query: &Q,
) -> Result<String, Error> {
    let mut pairs = Pairs {
        out: String::with_capacity(64),
        scratch: String::new(),
    };
    match query.serialize(TopLevel(&mut pairs)) {
        Ok(()) => Ok(pairs.out),
        Err(Unsupported) => encode_through_json(operation, query),
    }
}

/// The general path, for values the one-pass encoder does not handle.
fn encode_through_json<Q: Serialize + ?Sized>(
    operation: &Operation,
    query: &Q,
) -> Result<String, Error> {
    let value = serde_json::to_value(query).map_err(|source| Error::Encode {
        operation: operation.id,
        source,
    })?;
    match value {
        serde_json::Value::Null | serde_json::Value::Object(_) => {
            Ok(form_urlencoded::Serializer::new(String::new())
                .extend_pairs(flatten_pairs(value))
                .finish())
        }
        other => Err(operation.invalid(
            "query",
            format!("the query must serialize to an object, not {other}"),
        )),
    }
}

/// The query string being written, `application/x-www-form-urlencoded` as
/// `form_urlencoded` writes it.
struct Pairs {
    out: String,
    /// Where numbers are written before they are appended.
    scratch: String,
}

impl Pairs {
    fn append_pair(&mut self, key: &str, value: &str) {
        if !self.out.is_empty() {
            self.out.push('&');
        }
        push_encoded(&mut self.out, key);
        self.out.push('=');
        push_encoded(&mut self.out, value);
    }

    fn append_display(&mut self, key: &str, value: impl Display) {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let _ = write!(scratch, "{value}");
        self.append_pair(key, &scratch);
        self.scratch = scratch;
    }
}

/// Percent-encodes as HTML forms do: ASCII letters, digits and `*-._` stay, a space is
/// `+`, every other byte is `%XX`.
fn push_encoded(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut run_start = 0;
    for (index, &byte) in text.as_bytes().iter().enumerate() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'*' | b'-' | b'.' | b'_') {
            continue;
        }
        // A run of plain bytes is ASCII, so both its ends are character boundaries.
        if run_start < index {
            out.push_str(&text[run_start..index]);
        }
        run_start = index + 1;
        if byte == b' ' {
            out.push('+');
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
    }
    if run_start < text.len() {
        out.push_str(&text[run_start..]);
    }
}

/// "Use the general path": anything the one-pass encoder does not handle, including an
/// error raised by the value's own `Serialize`, which the general path then reports.
#[derive(Debug)]
struct Unsupported;

impl Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not encodable in one pass")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: Display>(_: T) -> Self {
        Unsupported
    }
}

/// The query value itself: a struct, or nothing.
struct TopLevel<'a>(&'a mut Pairs);

/// One field's value, appended under `key`.
struct Field<'a> {
    pairs: &'a mut Pairs,
    key: &'static str,
}

macro_rules! unsupported {
    ($($method:ident($($arg:ty),*);)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<Self::Ok, Self::Error> {
            Err(Unsupported)
        })*
    };
}

macro_rules! displayed {
    ($($method:ident($ty:ty);)*) => {
        $(fn $method(self, value: $ty) -> Result<(), Unsupported> {
            self.pairs.append_display(self.key, value);
            Ok(())
        })*
    };
}

impl<'a> Serializer for TopLevel<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Impossible<(), Unsupported>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_none(self) -> Result<(), Unsupported> {
        Ok(())
    }

    fn serialize_unit(self) -> Result<(), Unsupported> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Unsupported> {
        Ok(self)
    }

    unsupported! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_i128(i128);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_u128(u128);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_char(char);
        serialize_str(&str);
        serialize_bytes(&[u8]);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

impl SerializeStruct for TopLevel<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(Field { pairs: self.0, key })
    }

    fn end(self) -> Result<(), Unsupported> {
        Ok(())
    }
}

impl<'a> Serializer for Field<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Impossible<(), Unsupported>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_bool(self, value: bool) -> Result<(), Unsupported> {
        self.pairs
            .append_pair(self.key, if value { "true" } else { "false" });
        Ok(())
    }

    displayed! {
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_i128(i128);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_u128(u128);
        serialize_char(char);
    }

    fn serialize_f32(self, value: f32) -> Result<(), Unsupported> {
        self.serialize_f64(f64::from(value))
    }

    /// As JSON writes it (`1.0`, `0.5`); NaN and infinities, which JSON has no words for,
    /// are left out as `null` would be.
    fn serialize_f64(self, value: f64) -> Result<(), Unsupported> {
        if let Some(number) = serde_json::Number::from_f64(value) {
            self.pairs.append_display(self.key, number);
        }
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result<(), Unsupported> {
        self.pairs.append_pair(self.key, value);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Unsupported> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Unsupported> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Unsupported> {
        Ok(self)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self, Unsupported> {
        Ok(self)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Unsupported> {
        Ok(self)
    }

    unsupported! {
        serialize_bytes(&[u8]);
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

/// The items of a list, each under the list's key.
impl SerializeSeq for Field<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(Field {
            pairs: self.pairs,
            key: self.key,
        })
    }

    fn end(self) -> Result<(), Unsupported> {
        Ok(())
    }
}

impl ser::SerializeTuple for Field<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), Unsupported> {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Field<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), Unsupported> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::*;

    const OP: Operation = Operation {
        id: "users::list_users",
        method: "GET",
        path_template: "/users",
        path: &["/users"],
        headers: &[],
        rate_limit: None,
        host: None,
        auth: crate::request::AuthScheme::Any,
    };

    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Status {
        Active,
        #[allow(dead_code)]
        Inactive,
    }

    #[derive(Serialize)]
    struct Nested {
        a: Vec<i32>,
    }

    #[derive(Serialize)]
    struct Query {
        r#type: Option<&'static str>,
        ttl: Option<i64>,
        tags: Vec<&'static str>,
        flag: bool,
        status: Status,
        ratio: f64,
        whole: f64,
        nan: f64,
        text: String,
        nested_list: Vec<Vec<u8>>,
        maybe_list: Option<Vec<Option<i32>>>,
    }

    fn query() -> Query {
        Query {
            r#type: None,
            ttl: Some(3600),
            tags: vec!["a", "b c"],
            flag: true,
            status: Status::Active,
            ratio: 0.5,
            whole: 2.0,
            nan: f64::NAN,
            text: "x&y=z/é".to_owned(),
            nested_list: vec![vec![1, 2], vec![3]],
            maybe_list: Some(vec![Some(7), None]),
        }
    }

    #[test]
    fn plain_structs_are_encoded_in_field_order() {
        assert_eq!(
            encode_query(&OP, &query()).unwrap(),
            "ttl=3600&tags=a&tags=b+c&flag=true&status=active&ratio=0.5&whole=2.0\
             &text=x%26y%3Dz%2F%C3%A9&nested_list=1&nested_list=2&nested_list=3&maybe_list=7"
        );
    }

    #[test]
    fn the_one_pass_encoder_agrees_with_the_general_path() {
        let through_json = encode_through_json(&OP, &query()).unwrap();
        let mut fast: Vec<_> =
            form_urlencoded::parse(encode_query(&OP, &query()).unwrap().as_bytes())
                .into_owned()
                .collect();
        let mut general: Vec<_> = form_urlencoded::parse(through_json.as_bytes())
            .into_owned()
            .collect();
        // The general path's order depends on serde_json's `preserve_order` feature.
        fast.sort();
        general.sort();
        assert_eq!(fast, general);
    }

    #[test]
    fn percent_encoding_agrees_with_form_urlencoded() {
        for text in [
            "",
            "plain-text_1.0*",
            "a b+c&d=e/f?g#h%i",
            "caf\u{e9} \u{1f600}!",
            "\u{e9}\u{e9}x",
            "x\u{e9}",
            "\u{7f}\u{0}~'",
        ] {
            let mut ours = String::new();
            push_encoded(&mut ours, text);
            let theirs: String = form_urlencoded::byte_serialize(text.as_bytes()).collect();
            assert_eq!(ours, theirs, "{text:?}");
        }
    }

    #[test]
    fn nested_objects_and_maps_go_through_json() {
        #[derive(Serialize)]
        struct WithObject {
            page_size: u32,
            filter: Nested,
        }
        let encoded = encode_query(
            &OP,
            &WithObject {
                page_size: 30,
                filter: Nested { a: vec![1, 2] },
            },
        )
        .unwrap();
        let pairs: Vec<_> = form_urlencoded::parse(encoded.as_bytes())
            .into_owned()
            .collect();
        assert!(pairs.contains(&("page_size".to_owned(), "30".to_owned())));
        assert!(pairs.contains(&("filter".to_owned(), r#"{"a":[1,2]}"#.to_owned())));

        let map = BTreeMap::from([("b", 2), ("a", 1)]);
        assert_eq!(encode_query(&OP, &map).unwrap(), "a=1&b=2");
    }

    #[test]
    fn nothing_encodes_to_an_empty_query_and_scalars_are_refused() {
        assert_eq!(encode_query(&OP, &()).unwrap(), "");
        assert_eq!(encode_query(&OP, &None::<Query>).unwrap(), "");
        #[derive(Serialize)]
        struct Empty {
            a: Option<i32>,
        }
        assert_eq!(encode_query(&OP, &Empty { a: None }).unwrap(), "");
        let error = encode_query(&OP, &5).unwrap_err();
        assert!(
            error.to_string().contains("must serialize to an object"),
            "{error}"
        );
    }
}
