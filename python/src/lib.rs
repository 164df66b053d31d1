//! `zhengce._zhengce`: the native half of the Python package. It hands records over as
//! `zhengce/1` JSON text, written by the same serializer as the command line, so the Python
//! dicts (`json.loads` in `zhengce/__init__.py`) equal the CLI's output field for field.
//! Extraction runs with the GIL released; batches run on threads started for the batch
//! and joined before it returns (never a global pool, so a forked process cannot inherit
//! a pool's dead threads).

use pyo3::exceptions::{PyFileNotFoundError, PyIsADirectoryError, PyOSError, PyPermissionError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};
use std::collections::VecDeque;
use std::io::ErrorKind;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use zhengce::compare::{self, Loaded};
use zhengce::output::csv::{ColumnType, Table};
use zhengce::{ErrorRecord, Pipeline, Record};

pyo3::create_exception!(
    zhengce,
    ZhengceError,
    pyo3::exceptions::PyException,
    "Base class of zhengce's errors."
);
pyo3::create_exception!(
    zhengce,
    DecodeError,
    ZhengceError,
    "The input holds no text to extract (empty, binary, a scanned PDF, ...); the message says why."
);

/// The pipeline, built once per process (about 0.2 s) and shared by every thread.
fn pipeline() -> PyResult<&'static Pipeline> {
    static PIPELINE: OnceLock<Result<Pipeline, String>> = OnceLock::new();
    PIPELINE
        .get_or_init(|| Pipeline::new().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| ZhengceError::new_err(e.clone()))
}

/// The Python exception for a library error: the built-in `OSError` subclasses for files,
/// `DecodeError` for inputs without text.
fn py_err(e: zhengce::Error) -> PyErr {
    let msg = e.to_string();
    match &e {
        zhengce::Error::Read { source, .. } => match source.kind() {
            ErrorKind::NotFound => PyFileNotFoundError::new_err(msg),
            ErrorKind::PermissionDenied => PyPermissionError::new_err(msg),
            ErrorKind::IsADirectory => PyIsADirectoryError::new_err(msg),
            _ => PyOSError::new_err(msg),
        },
        zhengce::Error::Decode { .. } => DecodeError::new_err(msg),
        _ => ZhengceError::new_err(msg),
    }
}

fn json(record: &Record) -> PyResult<String> {
    serde_json::to_string(record).map_err(|e| ZhengceError::new_err(e.to_string()))
}

/// The bytes of a `str` (UTF-8), `bytes` or `bytearray`; `None` for anything else.
fn data_bytes(obj: &Bound<'_, PyAny>) -> PyResult<Option<Vec<u8>>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Some(s.to_str()?.as_bytes().to_vec()));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Some(b.as_bytes().to_vec()));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(Some(b.to_vec()));
    }
    Ok(None)
}

/// Extracts one text or bytes input; an input without text raises `DecodeError`.
#[pyfunction]
#[pyo3(signature = (data, name=None))]
fn extract_json(py: Python<'_>, data: &Bound<'_, PyAny>, name: Option<String>) -> PyResult<String> {
    let bytes = data_bytes(data)?.ok_or_else(|| PyTypeError::new_err("extract() takes str or bytes"))?;
    let source = name.unwrap_or_else(|| "-".to_string());
    let p = pipeline()?;
    match py.detach(|| p.extract_bytes(&source, &bytes)) {
        Record::Error(e) => Err(DecodeError::new_err(e.error)),
        record => json(&record),
    }
}

/// Reads and extracts one file; `source` is the path as given.
#[pyfunction]
fn extract_file_json(py: Python<'_>, path: PathBuf) -> PyResult<String> {
    let p = pipeline()?;
    let source = path.to_string_lossy().into_owned();
    let bytes = py.detach(|| zhengce::read_file(&path)).map_err(py_err)?;
    match py.detach(|| p.extract_owned(&source, bytes)) {
        Record::Error(e) => Err(DecodeError::new_err(e.error)),
        record => json(&record),
    }
}

/// The decoded text that every span points into.
#[pyfunction]
#[pyo3(signature = (data, name=None))]
fn decode(py: Python<'_>, data: &Bound<'_, PyAny>, name: Option<String>) -> PyResult<String> {
    let bytes = data_bytes(data)?.ok_or_else(|| PyTypeError::new_err("decode() takes str or bytes"))?;
    let source = name.unwrap_or_else(|| "-".to_string());
    py.detach(|| zhengce::decode::decode(&bytes, &source)).map(|d| d.text).map_err(py_err)
}

/// One input of a batch, taken from Python while holding the GIL.
enum Item {
    Data { source: String, bytes: Vec<u8> },
    Path { source: String, path: PathBuf },
}

impl Item {
    /// `str`/`bytes` (source `-`), `(name, str | bytes)`, or an `os.PathLike` path.
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Item> {
        if let Some(bytes) = data_bytes(obj)? {
            return Ok(Item::Data { source: "-".into(), bytes });
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            if t.len() == 2 {
                let source: String = t.get_item(0)?.extract()?;
                if let Some(bytes) = data_bytes(&t.get_item(1)?)? {
                    return Ok(Item::Data { source, bytes });
                }
            }
        }
        match obj.extract::<PathBuf>() {
            Ok(path) => Ok(Item::Path { source: path.to_string_lossy().into_owned(), path }),
            Err(_) => Err(PyTypeError::new_err(format!(
                "extract_many() items are str, bytes, (name, str | bytes) or os.PathLike, not {}",
                obj.get_type().name()?
            ))),
        }
    }

    /// The record as JSON; never fails: a problem becomes an error record.
    fn run(&self, p: &Pipeline) -> String {
        let (source, record) = match self {
            Item::Data { source, bytes } => (source, guarded(source, || p.extract_bytes(source, bytes))),
            Item::Path { source, path } => match zhengce::read_file(path) {
                Ok(bytes) => (source, guarded(source, || p.extract_owned(source, bytes))),
                Err(e) => (source, Record::Error(ErrorRecord::new(source, e.to_string()))),
            },
        };
        serde_json::to_string(&record).unwrap_or_else(|e| {
            serde_json::to_string(&ErrorRecord::new(source, format!("cannot serialise the record: {e}")))
                .unwrap_or_default()
        })
    }
}

/// The library never panics by design; in a batch one bad input must not end the others
/// should a bug slip through.
fn guarded(source: &str, run: impl FnOnce() -> Record) -> Record {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|_| {
        Record::Error(ErrorRecord::new(source, "internal error while extracting (please report this input)"))
    })
}

/// Runs a chunk on `jobs` threads, results in input order.
fn run_chunk(p: &Pipeline, items: &[Item], jobs: usize) -> Vec<String> {
    if jobs <= 1 || items.len() <= 1 {
        return items.iter().map(|i| i.run(p)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, String)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..jobs.min(items.len()))
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        out.push((i, item.run(p)));
                    }
                    out
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, s)| s).collect()
}

/// The records of `extract_many`, as JSON text, in input order. Pulls `jobs * 4` items at
/// a time from the Python iterable, so memory stays bounded on an endless one.
#[pyclass(module = "zhengce._zhengce")]
struct Batch {
    items: Py<PyAny>,
    jobs: usize,
    ready: VecDeque<String>,
    exhausted: bool,
}

#[pymethods]
impl Batch {
    #[new]
    fn new(items: &Bound<'_, PyAny>, jobs: usize) -> PyResult<Batch> {
        Ok(Batch {
            items: items.try_iter()?.into_any().unbind(),
            jobs: jobs.max(1),
            ready: VecDeque::new(),
            exhausted: false,
        })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(mut slf: PyRefMut<'_, Self>, py: Python<'_>) -> PyResult<Option<String>> {
        if slf.ready.is_empty() && !slf.exhausted {
            let mut chunk = Vec::new();
            let iter = slf.items.bind(py).clone();
            while chunk.len() < slf.jobs * 4 {
                match iter.call_method0("__next__") {
                    Ok(obj) => chunk.push(Item::from_py(&obj)?),
                    Err(e) if e.is_instance_of::<pyo3::exceptions::PyStopIteration>(py) => {
                        slf.exhausted = true;
                        break;
                    }
                    Err(e) => return Err(e),
                }
            }
            let p = pipeline()?;
            let jobs = slf.jobs;
            let done = py.detach(|| run_chunk(p, &chunk, jobs));
            slf.ready.extend(done);
        }
        Ok(slf.ready.pop_front())
    }
}

/// Parses records given as JSON text (the Python side dumps its dicts).
fn records(list: Vec<String>) -> PyResult<Vec<Record>> {
    list.iter()
        .enumerate()
        .map(|(i, s)| {
            serde_json::from_str(s)
                .map_err(|e| PyTypeError::new_err(format!("record {i} is not a zhengce/1 record: {e}")))
        })
        .collect()
}

/// The five tables of `extract --tables`, one dict per row, numbers typed.
#[pyfunction]
fn tables<'py>(py: Python<'py>, records_json: Vec<String>) -> PyResult<Bound<'py, PyDict>> {
    let recs = records(records_json)?;
    let out = PyDict::new(py);
    for table in Table::ALL {
        let columns = table.column_types();
        let rows = PyList::empty(py);
        for rec in &recs {
            for row in table.rows(rec) {
                let d = PyDict::new(py);
                for ((name, ty), cell) in columns.iter().zip(row) {
                    d.set_item(name, cell_value(py, *ty, cell)?)?;
                }
                rows.append(d)?;
            }
        }
        out.set_item(table.name(), rows)?;
    }
    Ok(out)
}

/// A cell as a Python value: text as it is, numbers as int or float, an empty number None.
fn cell_value<'py>(py: Python<'py>, ty: ColumnType, cell: String) -> PyResult<Bound<'py, PyAny>> {
    let bad = |e: &dyn std::fmt::Display| ZhengceError::new_err(format!("bad number {cell:?}: {e}"));
    Ok(match ty {
        ColumnType::Text => cell.into_pyobject(py)?.into_any(),
        _ if cell.is_empty() => py.None().into_bound(py),
        ColumnType::Int => cell.parse::<i64>().map_err(|e| bad(&e))?.into_pyobject(py)?.into_any(),
        ColumnType::Float => cell.parse::<f64>().map_err(|e| bad(&e))?.into_pyobject(py)?.into_any(),
    })
}

/// Each table's columns with their types (`"text"`, `"int"`, `"float"`), in column order.
#[pyfunction]
fn table_columns(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let out = PyDict::new(py);
    for table in Table::ALL {
        let cols: Vec<(&str, &str)> = table
            .column_types()
            .into_iter()
            .map(|(name, ty)| {
                (
                    name,
                    match ty {
                        ColumnType::Int => "int",
                        ColumnType::Float => "float",
                        ColumnType::Text => "text",
                    },
                )
            })
            .collect();
        out.set_item(table.name(), cols)?;
    }
    Ok(out)
}

/// `zhengce compare` as JSON: rows of indicators across the documents.
#[pyfunction]
fn compare_json(py: Python<'_>, records_json: Vec<String>) -> PyResult<String> {
    let recs = records(records_json)?;
    let p = pipeline()?;
    py.detach(|| {
        let loaded: Vec<Loaded> = recs.into_iter().map(|r| Loaded::saved(r, p.canonical())).collect();
        serde_json::to_string(&compare::build(&loaded, p.canonical()))
    })
    .map_err(|e| ZhengceError::new_err(e.to_string()))
}

#[pymodule]
fn _zhengce(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA", zhengce::document::SCHEMA)?;
    m.add("JSON_SCHEMA", zhengce::schema::JSON_SCHEMA)?;
    m.add("ZhengceError", py.get_type::<ZhengceError>())?;
    m.add("DecodeError", py.get_type::<DecodeError>())?;
    m.add_class::<Batch>()?;
    m.add_function(wrap_pyfunction!(extract_json, m)?)?;
    m.add_function(wrap_pyfunction!(extract_file_json, m)?)?;
    m.add_function(wrap_pyfunction!(decode, m)?)?;
    m.add_function(wrap_pyfunction!(tables, m)?)?;
    m.add_function(wrap_pyfunction!(table_columns, m)?)?;
    m.add_function(wrap_pyfunction!(compare_json, m)?)?;
    Ok(())
}
