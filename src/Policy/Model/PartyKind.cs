namespace Avz.Policy.Model;

/// <summary>The kind of a convenant party; a rule can name parties by kind.</summary>
public enum PartyKind
{
    /// <summary>A municipality (gemeente).</summary>
    Municipality,

    /// <summary>A justice partner: police, prosecution, probation, DJI, child protection board.</summary>
    Justice,

    /// <summary>A care partner: GGD, mental health, addiction care, social care.</summary>
    Care,

    /// <summary>A youth partner: youth protection, youth care.</summary>
    Youth,

    /// <summary>The Zorg- en Veiligheidshuis itself.</summary>
    House,
}
