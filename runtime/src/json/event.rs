//! The JSON object an event enum reads its event name from, and the envelope decoded
//! from it.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Reads the JSON object an event enum decodes from.
pub fn decode_event_object<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Map<String, Value>, D::Error> {
    serde::Deserialize::deserialize(deserializer)
}

/// A generated envelope from its object; generated structs decode every object.
pub fn event_from_object<T: DeserializeOwned>(
    object: Map<String, Value>,
) -> Result<T, serde_json::Error> {
    serde_json::from_value(Value::Object(object))
}
