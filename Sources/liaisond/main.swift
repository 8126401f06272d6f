import LiaisonApp
