//! The macros generated code calls, one per kind of generated type: each expands to the
//! serde impls of one struct or enum, written against the helpers of the contract so that
//! the per-type code stays one call.
//!
//! They are exported at the crate root (as `macro_rules!` must be) under hidden names, and
//! named by generated code through [`crate::codegen`].

/// Implements decoding and encoding for a generated struct: `Json`, and serde's
/// `Deserialize` and `Serialize` through it. Generated code calls it once per struct with
/// the struct's fields and their JSON names, and the name of its map of extra fields.
///
/// An object is written with the fields that are set first, in their order, then the extra
/// fields; JSON gives the order of an object's keys no meaning.
#[doc(hidden)]
#[macro_export]
macro_rules! __object_impls {
    ($name:ident { $($field:ident = $key:literal),* $(,)? } $extra:ident) => {
        impl ::core::fmt::Debug for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::codegen::debug_object(::core::stringify!($name), self, f)
            }
        }

        impl $crate::codegen::Json for $name {
            fn encode<S: $crate::codegen::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                #[allow(unused_mut)]
                let mut object = $crate::codegen::ObjectWriter::new(serializer);
                $(object.field($key, &self.$field);)*
                object.finish(&self.$extra, &[$($key),*])
            }

            fn from_map<'de, A: $crate::codegen::serde::de::MapAccess<'de>>(
                map: A,
            ) -> ::core::result::Result<$crate::codegen::Fit<Self>, A::Error> {
                let mut object = Self {
                    $($field: ::core::option::Option::None,)*
                    $extra: $crate::ExtraFields::new(),
                };
                ::core::result::Result::Ok(Self::map_into(map, &mut object)?.map(|()| object))
            }

            fn placeholder() -> ::core::option::Option<Self> {
                ::core::option::Option::Some(Self {
                    $($field: ::core::option::Option::None,)*
                    $extra: $crate::ExtraFields::new(),
                })
            }

            fn map_into<'de, A: $crate::codegen::serde::de::MapAccess<'de>>(
                mut map: A,
                slot: &mut Self,
            ) -> ::core::result::Result<$crate::codegen::Fit<()>, A::Error> {
                let mut rest = $crate::codegen::Rest::new();
                let mut first = true;
                while let ::core::option::Option::Some(key) = $crate::codegen::next_key(&mut map)? {
                    if ::core::mem::take(&mut first) {
                        if let ::core::option::Option::Some(number) =
                            $crate::codegen::number_for_object(&key, &mut map)?
                        {
                            return ::core::result::Result::Ok(::core::result::Result::Err(number));
                        }
                    }
                    let read = match &*key {
                        $($key => rest.field(&mut map, $key, &mut slot.$field),)*
                        _ => rest.other(&mut map, &key),
                    };
                    read?;
                }
                slot.$extra = rest.finish();
                ::core::result::Result::Ok(::core::result::Result::Ok(()))
            }
        }

        impl<'de> $crate::codegen::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::codegen::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::codegen::decode_object(deserializer)
            }
        }

        impl $crate::codegen::serde::Serialize for $name {
            fn serialize<S: $crate::codegen::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::codegen::Json::encode(self, serializer)
            }
        }
    };
}

/// Implements a generated string enum's conversions: `as_str`, `From<&str>` (values the
/// collection does not document become `Other`), `Display`, and serde as a plain string.
#[doc(hidden)]
#[macro_export]
macro_rules! __string_enum_impls {
    ($name:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        impl $name {
            /// The value as it is sent.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Other(value) => value,
                }
            }
        }

        impl ::core::convert::From<&str> for $name {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Other(::std::string::String::from(other)),
                }
            }
        }

        impl $crate::codegen::Json for $name {
            fn encode<S: $crate::codegen::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
            #[inline]
            fn from_str(value: &str) -> $crate::codegen::Fit<Self> {
                ::core::result::Result::Ok(Self::from(value))
            }
            #[inline]
            fn from_string(value: ::std::string::String) -> $crate::codegen::Fit<Self> {
                ::core::result::Result::Ok(Self::from(value.as_str()))
            }
        }

        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<'de> $crate::codegen::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::codegen::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::codegen::decode_str(deserializer)
            }
        }

        impl $crate::codegen::serde::Serialize for $name {
            fn serialize<S: $crate::codegen::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

/// Implements a generated numeric enum's conversions: `value`, `From<i64>` (values the
/// collection does not document become `Other`), `Display`, and serde as a plain number.
#[doc(hidden)]
#[macro_export]
macro_rules! __int_enum_impls {
    ($name:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        impl $name {
            /// The value as it is sent.
            #[inline]
            pub fn value(&self) -> i64 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Other(value) => *value,
                }
            }
        }

        impl ::core::convert::From<i64> for $name {
            #[inline]
            fn from(value: i64) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Other(other),
                }
            }
        }

        impl $crate::codegen::Json for $name {
            fn encode<S: $crate::codegen::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
            #[inline]
            fn from_i64(value: i64) -> $crate::codegen::Fit<Self> {
                ::core::result::Result::Ok(Self::from(value))
            }
            #[inline]
            fn from_u64(value: u64) -> $crate::codegen::Fit<Self> {
                match i64::try_from(value) {
                    ::core::result::Result::Ok(value) => ::core::result::Result::Ok(Self::from(value)),
                    ::core::result::Result::Err(_) => {
                        ::core::result::Result::Err(::std::boxed::Box::new(
                            $crate::codegen::serde_json::Value::from(value),
                        ))
                    }
                }
            }
        }

        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl<'de> $crate::codegen::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::codegen::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                <i64 as $crate::codegen::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }

        impl $crate::codegen::serde::Serialize for $name {
            fn serialize<S: $crate::codegen::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }
    };
}

/// Decodes and encodes generated event enums. Generated code calls it once per enum with
/// the event names and their variants, the member naming the event, and the catch-all
/// variant, which holds any event not listed (its type must decode every JSON object).
#[doc(hidden)]
#[macro_export]
macro_rules! __event_enum_impls {
    ($name:ident, $field:literal { $($variant:ident = $event:literal),* $(,)? } $other:ident) => {
        impl $name {
            /// The event's name, as it came in the body (empty when it came without one).
            #[inline]
            pub fn name(&self) -> &str {
                match self {
                    $(Self::$variant(_) => $event,)*
                    Self::$other(other) => other.event.as_deref().unwrap_or_default(),
                }
            }
        }

        impl<'de> $crate::codegen::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::codegen::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let object = $crate::codegen::decode_event_object(deserializer)?;
                let name = object.get($field).and_then(|name| name.as_str()).unwrap_or_default();
                match name {
                    $($event => $crate::codegen::event_from_object(object).map(Self::$variant),)*
                    _ => $crate::codegen::event_from_object(object).map(Self::$other),
                }
                .map_err(<D::Error as $crate::codegen::serde::de::Error>::custom)
            }
        }

        impl $crate::codegen::serde::Serialize for $name {
            fn serialize<S: $crate::codegen::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant(event) => event.serialize(serializer),)*
                    Self::$other(other) => other.serialize(serializer),
                }
            }
        }
    };
}
