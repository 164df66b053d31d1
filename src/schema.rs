//! The JSON Schema (draft 2020-12) of a `zhengce/1` record, printed by `zhengce schema` and
//! exposed to Python as `zhengce.json_schema()`. It lists every field as required, because
//! every field is written in every record, so a table engine can take the schema instead
//! of guessing one from the first rows. The Python tests validate the output of the whole
//! corpus against it; the test here keeps its field lists equal to what serde writes.

/// The schema as JSON text.
pub const JSON_SCHEMA: &str = include_str!("../schema/zhengce-1.schema.json");

#[cfg(test)]
mod tests {
    use super::JSON_SCHEMA;
    use serde_json::Value;

    /// Asserts that the keys serde wrote for `v` are the `required` list of `$defs.<def>`.
    fn assert_fields(schema: &Value, def: &str, v: &Value) {
        let list = schema["$defs"][def]["required"].as_array().unwrap_or_else(|| panic!("{def}"));
        let mut want: Vec<&str> = list.iter().map(|v| v.as_str().unwrap()).collect();
        let mut got: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        want.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, want, "{def}");
    }

    #[test]
    fn every_written_field_is_in_the_schema_and_required() {
        let schema: Value = serde_json::from_str(JSON_SCHEMA).unwrap();
        let text = "一、重点任务\n1.建设滨江科创园项目,计划投资60亿元,2024年完成固定资产投资50亿元,增长8%。\
                    (牵头单位:经发办;配合单位:规建办,2024年底前完成)\n";
        let doc = crate::pipeline::test_doc(text);
        let json = serde_json::to_value(&doc).unwrap();
        assert_fields(&schema, "document", &json);
        for (array, def) in [
            ("sections", "section"),
            ("targets", "target"),
            ("projects", "project"),
            ("tasks", "task"),
            ("units", "unit"),
        ] {
            let first = json[array].get(0).unwrap_or_else(|| panic!("the passage has no {array}"));
            assert_fields(&schema, def, first);
        }
        let error = serde_json::to_value(crate::ErrorRecord::new("x", "y")).unwrap();
        assert_fields(&schema, "error", &error);
    }
}
