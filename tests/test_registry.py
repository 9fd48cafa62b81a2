import pytest

from missing_offenders.ingest import registry
from missing_offenders.ingest.errors import UnknownForceError


@pytest.fixture(scope="module")
def forces():
    return registry.load()


@pytest.mark.parametrize("name, force_id", [
    ("Notts Police", "nottinghamshire"), ("SUSSEX Police", "sussex"), ("Scotland", "police-scotland"),
    ("The Metropolitan Police", "metropolitan"), ("Metropolitan Police Service (London)", "metropolitan"),
    ("Scotland Yard", "metropolitan"), ("Avon & Somerset", "avon-and-somerset"), ("Dyfed Powys", "dyfed-powys"),
    ("Devon and Cornwall Police", "devon-and-cornwall"), ("PSNI", "northern-ireland"), ("Herts", "hertfordshire"),
    ("Teesside", "cleveland"), ("Gloucester Police", "gloucestershire"), ("GMP", "greater-manchester"),
    ("Cambridgeshire Police", "cambridgeshire"), ("  essex  ", "essex"), ("Police Service of Northern Ireland", "northern-ireland"),
])
def test_names_resolve(forces, name, force_id):
    assert forces.resolve(name).force_id == force_id


def test_ambiguous_name_is_refused(forces):
    with pytest.raises(UnknownForceError, match="ambiguous.*City of London Police.*Metropolitan"):
        forces.resolve("London")


def test_unknown_name_lists_closest(forces):
    with pytest.raises(UnknownForceError, match=r"Closest known forces: Thames Valley Police \(thames-valley\)"):
        forces.resolve("Thames Vally Police", where="x.csv, line 3")


def test_joint_forces(forces):
    assert forces.joint_forces("West Mercia and Warwickshire") == ("warwickshire", "west-mercia")
    assert forces.joint_forces("Avon and Somerset") is None
    assert forces.joint_forces("Kent") is None


def test_registry_has_46_forces_with_unique_ids(forces):
    assert len(forces.ids) == len(set(forces.ids)) == 46
